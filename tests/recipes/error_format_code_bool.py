# Covers: a format spec a bool does not take: CPython's ValueError names the type as bool, not int.
def main():
    flag = True
    print(f"{flag:>6}|{flag:d}")
    print(f"{flag:s}")


main()
