# Covers: start given by position and by keyword: counted as 3 arguments, "at most 2".
print(sum([1], 2))
print(sum([1], 0, start=1))
