# Covers: int() with an unknown keyword: "'foo' is an invalid keyword argument for int()".
print(int("7", base=8))
print(int("7", foo=8))
