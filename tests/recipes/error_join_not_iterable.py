# Covers: str.join() of something that is no iterable: CPython's own message, not the generic one.
def main():
    print("-".join("abc"), "+".join(["flour", "sugar"]))
    print(", ".join(42))


main()
