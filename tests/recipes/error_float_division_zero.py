# Covers: ZeroDivisionError from / on floats (float division by zero).
def main():
    x = 1.5
    print(x / 2)
    print(x / 0.0)


main()
