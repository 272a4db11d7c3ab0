# Covers: an int and a float compare exactly, not after rounding the int; a nan is itself for is and in, and equal to nothing.
BIG = 9007199254740993


def main():
    print(BIG == 9007199254740992.0, BIG > 9007199254740992.0, BIG - 1 == 9007199254740992.0)
    print(9223372036854775807 == 9223372036854775808.0, 9223372036854775807 < 9223372036854775808.0)
    print(-9223372036854775807 - 1 == -9223372036854775808.0, 3 < 3.5, -3 > -3.5, 2 == 2.0, True == 1.0)
    print(max(BIG, 9007199254740992.0), min(1, 1.0), max(1.0, 1))
    x = float("nan")
    print(x is x, x in [x], [x] == [x], x == x, x != x, x < 1, x > 1)
    print(float("inf") > BIG, float("-inf") < -BIG)


main()
