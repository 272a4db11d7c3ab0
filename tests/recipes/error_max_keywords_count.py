# Covers: three keywords to max(): "max() takes at most 2 keyword arguments (3 given)".
print(max([1], key=abs, default=2))
print(max([1], key=abs, default=2, bad=3))
