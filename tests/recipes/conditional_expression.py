# Covers: x if c else y, nested conditionals, and the condition's truthiness.
def sign(n):
    return "negative" if n < 0 else "zero" if n == 0 else "positive"


def main():
    for n in [-3, 0, 8]:
        print(n, sign(n))
    items = []
    print("empty" if not items else "full")
    print(len(items) if items else -1)
    x = 7
    print((x * 2) if x > 5 else (x / 2), x * 2 if x < 5 else x / 2)


main()
