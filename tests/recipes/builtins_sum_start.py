# Covers: sum(iterable, start) with start positional or start=: ints, floats, lists; the start is the first addend.
def main():
    print(sum([1.5, 2], start=1), sum([1, 2, 3], 10), sum(range(4), start=0.5))
    print(sum([[1], [2, 3]], []), sum([[4]], start=[0]), sum([], start=7), sum([], 2.5))
    print(sum([0.1, 0.2], start=0.3), sum([True, True], start=False))


main()
