# Covers: is, is not, in, not in on lists and strings, None checks.
def find(values, wanted):
    for v in values:
        if v == wanted:
            return v
    return None


def main():
    a = [1, 2, 3]
    b = a
    c = [1, 2, 3]
    print(a is b, a is c, a == c, a is not c)
    print(2 in a, 5 in a, 5 not in a, "x" not in ["x", "y"])
    print("ell" in "hello", "z" in "hello", "" in "abc", "lo" not in "hello")
    result = find(a, 7)
    print(result is None, result is not None, find(a, 3) is None)
    print(None is None, [] in [[]], 2.0 in a)


main()
