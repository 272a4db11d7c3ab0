# Covers: if, elif, else chains, nested ifs, pass.
def describe(temp):
    if temp < 100:
        return "cold"
    elif temp < 300:
        return "warm"
    elif temp < 400:
        return "hot"
    else:
        return "ready"


def main():
    for t in [50, 100, 299, 300, 400, 1000]:
        print(t, describe(t))
    x = 5
    if x > 0:
        if x > 10:
            print("big")
        else:
            print("small")
    if x == 5:
        pass
    else:
        print("not five")
    if not x:
        print("zero")
    elif x:
        print("non-zero")


main()
