# Covers: ZeroDivisionError from % on floats (CPython's line is just "float modulo").
def main():
    print(7.5 % 2)
    print(7.5 // 2)
    print(7.5 % 0.0)


main()
