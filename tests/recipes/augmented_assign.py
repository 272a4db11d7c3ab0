# Covers: += -= *= /= //= %= **= on ints and floats, += on strings, and on list items.
def main():
    x = 10
    x += 5
    print(x)
    x -= 20
    print(x)
    x *= -3
    print(x)
    x //= 4
    print(x)
    x %= 5
    print(x)
    x **= 3
    print(x)
    x /= 2
    print(x)
    f = 0.5
    f *= 3
    f -= 0.25
    print(f)
    s = "pre"
    s += "heat"
    s *= 2
    print(s)
    counts = [0, 0, 0]
    for i in range(7):
        counts[i % 3] += i
    counts[-1] *= 10
    print(counts)


main()
