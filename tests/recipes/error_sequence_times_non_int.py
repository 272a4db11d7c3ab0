# Covers: a string or list repeated by a float: CPython's TypeError says "can't multiply sequence by non-int of type 'float'".
def main():
    print("ab" * 2, [0] * 3)
    print("ab" * 1.5)


main()
