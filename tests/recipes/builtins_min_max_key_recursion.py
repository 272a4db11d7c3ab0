# Covers: a key that calls min/max again: the depth grows through the key; the inner calls return on the way out.
def depth(n):
    if n == 0:
        return 0
    return max([n - 1], key=depth) + 1


def main():
    print(depth(10), max([3, 7, 5], key=depth))


main()
