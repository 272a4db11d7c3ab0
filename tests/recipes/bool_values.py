# Covers: True and False as values: printing, comparing, str(); bools are ints in arithmetic, as in CPython.
def main():
    t = 3 > 2
    f = 2 > 3
    print(t, f, str(t), [t, f], f"{t}")
    print(t == True, f == 0, t is True, f is not True)
    print(t + t, t * 10, sum([t, t, f]), -t)
    print(True and 5, False or "x", not t)
    print(max(True, 0), int(False), float(True))


main()
