# Covers: float() given two arguments: CPython's message says "1 argument", singular.
def main():
    print(float(), float("2.5"), float(3))
    print(float("1", "2"))


main()
