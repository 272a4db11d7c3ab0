# Covers: int(5, 10): "int() can't convert non-string with explicit base".
print(int("5", 10))
print(int(5, 10))
