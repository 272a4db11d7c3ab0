# Covers: min() with an unknown keyword: "'foo' is an invalid keyword argument for min()".
print(min([2, 1], key=None))
print(min([1], foo=1))
