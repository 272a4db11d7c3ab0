# Covers: unbounded recursion stops with CPython's RecursionError line (after a line printed before it).
def forever(n):
    return forever(n + 1)


def main():
    print("going down")
    forever(0)


main()
