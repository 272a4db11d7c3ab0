# Covers: a call with too many positional arguments: CPython's TypeError, after the lines printed before.
def bake(a, b=2):
    return a + b


print(bake(1))
print(bake(1, 2, 3))
