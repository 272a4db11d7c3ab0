# Covers: a digit beyond the base: the ValueError names the base, "with base 16: 'zz'".
print(int("ff", 16))
print(int("zz", 16))
