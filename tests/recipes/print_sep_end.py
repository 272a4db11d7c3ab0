# Covers: print with several arguments, sep=, end=, flush=, print() alone, print(*list).
def main():
    print("a", "b", "c")
    print("a", "b", "c", sep="")
    print("a", "b", "c", sep=", ")
    print("no newline", end="")
    print(" <- same line")
    print("x", end="!\n")
    print()
    print(1, 2.5, None, True, [1], "s", sep="|", end=".\n")
    print("flushed", flush=True)
    print(*[1, 2, 3])
    print(*[1, 2, 3], sep="-")
    print(*[])
    print("", end="")
    print("end", "", "two blanks", sep=" ")
    for i in range(3):
        print(i, end=" ")
    print()


main()
