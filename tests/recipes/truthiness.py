# Covers: what counts as false in if and while: 0, 0.0, -0.0, "", [], None, False; everything else true.
def check(label, value):
    if value:
        print(label, "is true")
    else:
        print(label, "is false")


def main():
    check("0", 0)
    check("0.0", 0.0)
    check("-0.0", -0.0)
    check("''", "")
    check("[]", [])
    check("None", None)
    check("False", False)
    check("1", 1)
    check("-1", -1)
    check("0.001", 0.001)
    check("' '", " ")
    check("[0]", [0])
    check("[[]]", [[]])
    items = [1, 2, 3]
    while items:
        items = [i for i in items if i > len(items)]
        print(items)


main()
