# Covers: comparisons between numbers and strings, chained comparisons (each operand evaluated once, short-circuit).
def noisy(value):
    print(f"evaluating {value}")
    return value


def main():
    print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1.0, 2 != 2.0)
    x = 5
    print(0 <= x < 10, 0 <= x < 5, x == 5 >= 5)
    print("apple" < "banana", "Zebra" < "apple", "abc" == "abc", "a" != "b")
    print(1 < noisy(2) < 3)
    print(5 < noisy(1) < noisy(10))
    print(1 <= 1 <= 1 < 2 > 0)


main()
