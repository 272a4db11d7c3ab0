# Covers: a float ** that overflows raises OverflowError in CPython (unlike * and +, which give inf).
def main():
    print(2.0 ** 1000, 1e300 * 1e10)
    print(10.0 ** 400)


main()
