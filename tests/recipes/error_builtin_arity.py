# Covers: len() given two arguments: CPython's TypeError says "len() takes exactly one argument (2 given)".
def main():
    print(len([1, 2]))
    print(len([1], [2]))


main()
