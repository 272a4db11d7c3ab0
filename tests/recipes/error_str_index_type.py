# Covers: a string indexed by a string: CPython 3.11's TypeError is "string indices must be integers, not 'str'".
def main():
    word = "oven"
    print(word[1])
    print(word["1"])


main()
