# Covers: ** precedence and associativity, -2**2, negative exponents giving floats, float exponents.
def main():
    print(2 ** 10, 3 ** 3, 10 ** 0, 0 ** 0)
    print(-2 ** 2, (-2) ** 2, (-2) ** 3)
    print(2 ** 3 ** 2, (2 ** 3) ** 2)
    print(2 ** -1, 10 ** -2, 4 ** -2)
    print(2.0 ** 3, 9 ** 0.5, 2 ** 0.5)
    print(-3 ** -1, 2 * 3 ** 2, -2 ** -2)
    x = 3
    print(x ** 2 + 1, -x ** 2)


main()
