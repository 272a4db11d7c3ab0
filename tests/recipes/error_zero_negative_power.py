# Covers: ZeroDivisionError from 0 ** -1 (an int base too: CPython's line says 0.0).
def main():
    for base in [2, 1, 0]:
        print(base, "** -1 =", base ** -1)


main()
