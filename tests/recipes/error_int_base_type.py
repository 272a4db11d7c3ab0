# Covers: a str as the base: "'str' object cannot be interpreted as an integer".
print(int("7", 8))
print(int("7", "8"))
