# Covers: min, max, abs, sum, len on lists and strings; sum of floats left to right (3.11: no compensation).
def main():
    values = [4, -2, 9, 0]
    print(min(values), max(values), min(3, 1, 2), max(3.5, 2, 7))
    print(min("pear", "apple", "fig"), max(["b", "a", "c"]), max(2, 2.0), min(2.0, 2))
    print(abs(-3), abs(3), abs(-2.5), abs(-0.0), abs(0))
    print(sum(values), sum([]), sum(range(101)), sum([0.1, 0.2, 0.3]), sum([1, 2.5]))
    print(len(values), len("kitchen"), len(""), len([]), len([3, 5]))
    print(max([1, 5, 3]) - min([1, 5, 3]), abs(min(values)), sum([x * x for x in values]))


main()
