# Covers: round() half to even, round(x, n) on binary floats, round with no ndigits gives int, with ndigits a float.
def main():
    print(round(0.5), round(1.5), round(2.5), round(3.5), round(-0.5), round(-1.5), round(-2.5))
    print(round(2.4), round(2.6), round(-2.6), round(7), round(7.0))
    print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
    print(round(3.14159, 3), round(3.14159, 0), round(2.5, 0), round(1.25, 1), round(1.35, 1))
    print(round(1234.5678, -2), round(25, -1), round(35, -1), round(7, 2))
    print(round(0.1 + 0.2, 10), round(-0.4), round(-0.04, 1))


main()
