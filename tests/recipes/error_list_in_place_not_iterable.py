# Covers: list += of something not iterable: CPython's TypeError names the operand, where + names the list.
def main():
    shelf = [1]
    shelf += [2]
    print(shelf)
    shelf += 3


main()
