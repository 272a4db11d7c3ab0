# Covers: operator precedence across arithmetic, comparison, not, and, or, and the conditional expression.
def main():
    print(1 + 2 * 3 - 4 / 2)
    print(2 * 3 % 4, 2 * (3 % 4), 7 - 2 - 1, 7 - (2 - 1))
    print(-7 // 2, -(7 // 2))
    print(not True == False, (not True) == False)
    print(1 + 2 < 4, 1 < 2 + 3 * 0)
    print(True or False and False, (True or False) and False)
    print(not 0 or 5, not (0 or 5))
    print(1 if 2 > 3 else 4 + 5)
    print(10 - 2 ** 3 * 2, 3 * -2, 2 ** -1 * 4)
    print(1 == 1 and 2 == 2 or 3 == 4)


main()
