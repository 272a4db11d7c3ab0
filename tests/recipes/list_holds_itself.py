# Covers: a list that holds itself prints as [...], and equals itself (an item identical to the other is equal).
a = [1]
a.append(a)
print(a)
print(a == a)
b = [[1]]
print([a] == [a])
