# Covers: a function that assigns a module constant's name makes it local: reading it first is UnboundLocalError.
LIMIT = 3


def main():
    print("start")
    print(LIMIT)
    LIMIT = 4


main()
