# Covers: range with one, two and three arguments, negative steps and bounds, empty ranges.
def show(r):
    print([i for i in r])


def main():
    show(range(5))
    show(range(2, 8))
    show(range(0, 10, 3))
    show(range(10, 0, -3))
    show(range(-5, 5, 2))
    show(range(-1, -6, -1))
    show(range(0))
    show(range(5, 0))
    show(range(3, 3))
    total = 0
    for i in range(1, 11):
        total += i
    print(total, len([i for i in range(0, 100, 7)]), [i for i in range(2, 20, 5)][-1])


main()
