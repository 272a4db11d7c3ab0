# Covers: + - * / // % ** on ints; / always gives a float; unary minus and plus.
def main():
    a = 17
    b = 5
    print(a + b, a - b, a * b)
    print(a / b, a // b, a % b, a ** 2)
    print(10 / 2, 1 / 4, 7 / 7)
    print(-a, +b, -(-a), - -b)
    print(0 - 0, 0 * -3, 3 - 10)
    print(2 + 3 * 4, (2 + 3) * 4, 20 - 5 - 3, 100 / 10 / 5)


main()
