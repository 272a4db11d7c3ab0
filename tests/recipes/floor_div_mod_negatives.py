# Covers: // and % with negative operands (floor toward minus infinity, % takes the divisor's sign), ints and floats.
def main():
    print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
    print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
    print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
    print(6 // 3, -6 // 3, 0 // 5, 0 % 5, -1 % 10)
    print(1 // 0.5, 5.0 % 2.5, -5.0 % 2.5)
    n = -17
    print(n // 5 * 5 + n % 5 == n)


main()
