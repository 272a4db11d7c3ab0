# Covers: a 0 before the width of a string's format spec: CPython 3.11 pads the string with zeros on the right.
def main():
    print(f"[{'ab':08}] [{'oven':06}]", "[{:05}]".format("x"))


main()
