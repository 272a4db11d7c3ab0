# Covers: max() with a recursing key called from the module: CPython's limit reached in the key's own frame.
count = [0]


def key(x):
    count[0] = count[0] + 1
    if count[0] % 100 == 0:
        print(count[0])
    return max([x], key=key)


print(max([1], key=key))
