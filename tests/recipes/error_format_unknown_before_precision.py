# Covers: an int spec with a precision and a type no int takes: CPython names the unknown type first.
def main():
    tray = 12
    print(f"{tray:.2f}")
    print(f"{tray:.2s}")


main()
