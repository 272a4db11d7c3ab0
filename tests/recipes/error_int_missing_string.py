# Covers: int(base=16) alone: "int() missing string argument".
print(int())
print(int(base=16))
