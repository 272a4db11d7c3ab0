# Covers: return with and without a value, falling off the end (None), early return from a loop, returning lists.
def nothing():
    pass


def bare():
    return


def first_over(values, limit):
    for v in values:
        if v > limit:
            return v
    return -1


def pair(a, b):
    return [a + b, a - b]


def main():
    print(nothing(), bare(), nothing() is None)
    print(first_over([1, 5, 9], 4), first_over([1, 2], 4))
    p = pair(10, 3)
    print(p, p[0], pair(1, 2)[-1])
    print(len(pair(0, 0)), [first_over([i, 10], 5) for i in range(4, 8)])


main()
