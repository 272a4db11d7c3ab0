# Covers: float repr as CPython writes it: shortest round-trip digits, exponent form from 1e16 and below 1e-4, -0.0.
def main():
    print(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 10 / 3)
    print(1e16, 1e15, 1e-5, 1e-4, 0.0001234, 1e22, 1.5e300)
    print(12345678901234567.0, 123456789012345.6, 9007199254740993.0)
    print(-0.0, 0.0, -0.0 == 0.0, 0.0 * -1, -1.5, 2.0, 100.0)
    print(6 / 3, 7 / 2, 2.5e-3, 3.14159, 1.0 - 0.9)
    print(float(10 ** 15), float(10 ** 16), 1e16 + 1)
    t = 0.0
    for i in range(10):
        t = t + 0.1
    print(t, t == 1.0, round(t, 2) == 1.0)
    print(f"{0.1 + 0.2}", str(1e16), str(-0.0), [0.1, 1e-7, 2.0])


main()
