# Covers: an unknown keyword: CPython's clinic says "'x' is an invalid keyword argument for sum()".
print(sum([1, 2], start=1))
print(sum([1], x=1))
