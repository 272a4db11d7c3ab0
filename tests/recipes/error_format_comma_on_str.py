# Covers: a thousands separator in a string's format spec: CPython's ValueError says "Cannot specify ',' with 's'."
def main():
    print(f"{1234567:,}")
    print(f"{'oven':,}")


main()
