# Covers: recursion 900 calls deep works (CPython's limit is 1000 frames): the kitchen's limit must not be lower.
def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


def main():
    print(sum_to(900))


main()
