# Covers: list *= of a str: CPython's TypeError, as for *.
def main():
    shelf = [1]
    shelf *= 2
    print(shelf)
    shelf *= "2"


main()
