# Covers: str(), int() of strings and floats (truncates toward zero), float() of strings and ints.
def main():
    print(int("42") + 1, int("-7"), int("007"), int(3.9), int(-3.9), int(True))
    print(float("2.5") * 2, float("-0"), float("1e3"), float(3), float("10"))
    print(str(42) + "!", str(2.0), str(-0.0), str(True), str(None), str([1, "a", None]))
    print(str(1 / 3), str(10 ** 3), int(float("2.5")), int(str(12) + "3"))
    print(len(str(123456)), str("already"), int(1e3), float(int("5")))
    print(int("+8"), int(-0.5), float(".5"), str(1e-5), str(1e16))


main()
