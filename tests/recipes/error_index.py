# Covers: IndexError (list index out of range) after valid negative and positive indexing.
def main():
    trays = ["a", "b", "c"]
    print(trays[0], trays[-1], trays[-3])
    i = 0
    while True:
        print("tray", trays[i])
        i += 1


main()
