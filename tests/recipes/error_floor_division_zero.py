# Covers: ZeroDivisionError from // on ints (CPython's wording differs from / and %).
def main():
    for d in [3, 2, 1, 0]:
        print(f"12 // {d} =", 12 // d)


main()
