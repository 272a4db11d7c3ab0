# Covers: min/max with default= (empty or not) and key= (a builtin, a recipe's def, None); ties keep the first.
def last_digit(n):
    print("key of", n)
    return n % 10


def negated(n):
    return -n


def main():
    print(max([], default=0), min([], default="none"), max([3, 1], default=0), min([], key=abs, default=None))
    print(max([1, -3], key=abs), min(1, -3, 2, key=abs), max(["bb", "a", "ccc"], key=len), min("bca", key=str))
    print(max([1, 2], key=None), min(3, 1, key=None), max([1, "a"], key=str), min([2.5, -1], key=round))
    print(max([12, 39, 25], key=last_digit))
    print(min(15, 23, 11, key=last_digit), max(range(5), key=negated), min([[2, 1], [1, 9]], key=max))
    print(max([5, 15, 25], key=last_digit, default=None), max(["b", "a", "c"], key=repr), min([-2, 2], key=abs))


main()
