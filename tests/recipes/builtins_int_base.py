# Covers: int(text, base) and int(text, base=): bases 2..36 and 0, prefixes 0x/0o/0b, underscores, spaces, signs.
def main():
    print(int("ff", 16), int("0x1f", 0), int("z", 36), int("Z", 36), int("101", 2), int("777", 8))
    print(int("0x1F", 16), int("0X1f", base=16), int("0b1_01", 0), int("0o17", 0), int("0B11", 2), int("0o7", 8))
    print(int(" -0x_1f ", 0), int("+z", base=36), int("1_000", 0), int("0", 0), int("00", 0), int("0_0", 0))
    print(int("12", base=3), int("abc", 36), int("  42\n", 10), int("0042", 10), int("-7fffffffffffffff", 16))
    print(int("7fffffffffffffff", 16), int("-8000000000000000", 16), int("٣٤", 16), int("\u00a01\u2003", 0))
    print(int("42"), int(" 1_2 "), int("-0"), int("9", base=10))


main()
