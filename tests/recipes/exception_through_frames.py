# Covers: an exception leaves frames until a try takes it, mid-expression and mid-loop; the stack is cut
def deep(n):
    if n == 0:
        raise ZeroDivisionError("bottom")
    return 1 + deep(n - 1)


def middle(items):
    total = 0
    for item in items:
        for again in range(2):
            total = total + 100 * deep(item)
    return total


def top():
    results = []
    for tries in range(3):
        try:
            results.append(5 + middle([3, 2, tries - 1]))
        except ZeroDivisionError as e:
            results.append(str(e))
    return results


print(top())


def recurse(n):
    return recurse(n + 1)


try:
    recurse(0)
except RecursionError:
    print("recursion caught")
except RuntimeError:
    print("never: RecursionError is taken first")
