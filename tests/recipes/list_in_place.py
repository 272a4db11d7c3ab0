# Covers: x += v and x *= n on a list change the list itself, as list.__iadd__ and __imul__ do: every name for it sees the change, a default argument keeps what earlier calls added, += takes any iterable.
def collect(into=[]):
    into += [len(into)]
    return into


def main():
    a = [1]
    b = a
    a += [2]
    print(a, b, a is b)
    a += "xy"
    a += range(3)
    print(b)
    a *= 2
    print(b, len(b))
    c = b
    c *= True
    print(c is b, len(c))
    print(collect(), collect(), collect([9]))
    nested = [[0], [1]]
    inner = nested[0]
    nested[0] += [5]
    print(nested, inner, nested[0] is inner)
    a += a
    print(len(a))
    a *= 0
    print(a, b)
    s = "ab"
    t = s
    s += "c"
    print(s, t)
    n = 3
    n += 1
    print(n)


main()
