# Covers: an empty iterable with a key and no default: "max() arg is an empty sequence".
print(max([-4], key=abs))
print(max([], key=abs))
