# Covers: a format spec with a point and no precision: CPython's own ValueError, not an invalid-spec one.
def main():
    width = 7
    print(f"{width:>4}|")
    print(f"{width:.}")


main()
