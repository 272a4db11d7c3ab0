# Covers: str() by keyword, and str() given an encoding, which only decodes bytes: CPython's TypeError.
def main():
    print(str(object=5) + str(), str(object=[1, "a"]))
    print(str(5, "utf-8"))


main()
