# Covers: an async def as max()'s key gives coroutines, which do not compare: TypeError on '>'.
async def key(n):
    return n


def main():
    print(max([1, 2], key=key))


main()
