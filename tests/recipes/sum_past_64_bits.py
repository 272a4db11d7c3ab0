# Covers: sum() whose partial sums pass 64 bits while its result does not: CPython's unbounded ints, the kitchen's 128-bit sum.
BIG = 9223372036854775807


def main():
    print(sum([BIG, 6, 1, -7]), sum([BIG, 1, -1], -5), sum([True, BIG, -True]))
    print(sum([BIG, BIG, 0.5]), sum([BIG, 1, 2.5, 1]), sum([-BIG, -BIG, BIG, 2]))


main()
