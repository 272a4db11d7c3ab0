# Covers: ValueError from int() of a string that is not a number.
def main():
    print(int("12") * 2)
    print(int("twelve"))


main()
