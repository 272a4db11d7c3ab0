# Covers: ZeroDivisionError from % on ints.
def main():
    n = 7
    print(n % 2)
    print(n % 0)


main()
