# Covers: str.format refuses a conversion other than !r, !s and !a with CPython's message, after what printed before.
def main():
    print("{0!r}".format("fine"))
    print("{0!x}".format(1))


main()
