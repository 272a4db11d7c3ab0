# Covers: a default value is made once, when def runs: a list default keeps what earlier calls put in it.
def add(item, bowl=[]):
    bowl.append(item)
    return bowl


def count(n, seen=[0]):
    seen[0] += n
    return seen[0]


def main():
    print(add("flour"))
    print(add("sugar"))
    print(add("egg", []))
    print(add("milk"))
    print(count(1), count(2), count(3))


main()
