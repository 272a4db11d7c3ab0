# Covers: str.format's fields that index their value, specs that take a field of their own, and !a, in str.format and f-strings.
def main():
    print("{0:{1}}|".format(5, 4), "{:{}}|".format("a", 3), "{0[1]}".format([5, 6]), "{a[0]}".format(a="xy"))
    print("{0!a} {0!r} {0!s}".format("é😀x"), "{:>{}.{}f}|".format(3.14159, 8, 2), "{0[0][1]}".format([[1, 2]]))
    print("{{}} {} {}".format(1, 2), "{0:{1}}|{0}".format(7, ">3"))
    word = "crème"
    print(f"{word!a} {word!r:>12} {[word]!a}")


main()
