# Covers: an error raised inside max()'s key function propagates with CPython's message; keys before it ran.
def key(n):
    print("key", n)
    return 10 // n


def main():
    print(max([5, 2], key=key))
    print(max([1, 0, 3], key=key))


main()
