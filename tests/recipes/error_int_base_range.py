# Covers: a base outside 0 and 2..36: "int() base must be >= 2 and <= 36, or 0".
print(int("1", 36))
print(int("1", base=37))
