# Covers: round() of a float to a multiple of ten beyond the largest double: CPython's OverflowError, after the lines before it.
def main():
    print(round(1.7976931348623157e308, -300))
    print(round(1.7976931348623157e308, -306))


main()
