# Covers: IndexError for a negative index past the start of a list.
def main():
    trays = [1, 2]
    print(trays[-2])
    print(trays[-3])


main()
