# Covers: base 0 refuses a leading zero (no C-style octal) and says "with base 0".
print(int("0_0", 0), int("0o17", 0))
print(int("017", 0))
