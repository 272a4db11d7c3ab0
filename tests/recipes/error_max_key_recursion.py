# Covers: a key that calls max() with itself as key recurses until RecursionError, never a crash.
def key(x):
    return max([x], key=key)


key(1)
