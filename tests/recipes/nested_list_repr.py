# Covers: repr of nested lists (quotes, None, bools, floats, inf), one list shared three times, !r and !s with a precision or width.
def main():
    a = [1, [2, [3, []]], "x", ["y", ['z"q', "it's"]], None, True, 2.0, -0.0]
    print(a)
    print(str(a), len(a), a[1][1], a[3][1][0])
    b = [[]] * 3
    b[0].append(1)
    print(b, [[0] * 2 for i in range(2)])
    print([1.5, 1e16, 1e-5, 0.1 + 0.2, 100.0, float("inf"), -float("inf")])
    print(f"{a!r:.12} {[1, 'a']!s:>12}|")


main()
