# Covers: sum() with only keywords: "sum() takes at least 1 positional argument (0 given)".
print(sum([], 1))
print(sum(start=1))
