# Covers: a str start given by keyword: "sum() can't sum strings [use ''.join(seq) instead]".
print(sum([[1]], start=[]))
print(sum(["a", "b"], start=""))
