# Covers: an int as the key: "'int' object is not callable", even for one item.
print(max([], key=5, default=0))
print(max([1], key=5))
