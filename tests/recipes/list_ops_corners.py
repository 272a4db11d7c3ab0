# Covers: list + list holding itself, * copies, item assignment, comparisons of lists, min/max/sum over mixed numbers and strings.
def main():
    a = [3, 1, 2]
    b = a + [a]
    print(b, len(b), b[3] is a)
    a.append(4)
    print(b)
    c = a * 2
    c[0] = 99
    print(a, c, [] * 5, [0] * 0, min(a), max(a), sum(a), sum([]), sum([], 10))
    print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] == [], [[1]] == [[1]])
    print(max([1.5, 2, -3]), min(["b", "a", "c"]), max("hello"), min(3, 2.5))


main()
