# Covers: chained comparisons evaluate each operand once and stop early; and/or stop at the deciding operand.
calls = []


def v(name, value):
    calls.append(name)
    print("eval", name)
    return value


def main():
    print(v("a", 1) < v("b", 2) < v("c", 3))
    print(v("d", 3) < v("e", 2) < v("f", 9))
    print(v("g", 1) == v("h", 1.0) != v("i", 2) > v("j", 0))
    print(v("k", 0) or v("l", "") or v("m", [0]))
    print(v("n", 5) and v("o", 0) and v("p", 1))
    print(calls, len(calls))


main()
