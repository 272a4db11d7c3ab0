# Covers: round(x, n) with n below zero: the exact value's digits decide, ties go to even, what lies below the point breaks a tie, and large values keep their nearest double.
def main():
    big = abs(12 - 9223372036854775807)
    print(round(big ** 1.5, -1), round(big * 1.0, -3))
    print(round(25.0, -1), round(15.0, -1), round(25.0000001, -1), round(-25.0, -1))
    print(round(-4.35, -1), round(4.35, -3), round(950.0, -2), round(999.9, -3))
    print(round(1e22, -22), round(5e22, -23), round(123456789.123, -3), round(2.5e15 + 0.5, -1))
    print(round(1.5e300, -300), round(-0.0, -2), round(7.0, -309), round(-7.0, -400))
    print(round(1234, -2), round(1250, -2), round(-1350, -2))


main()
