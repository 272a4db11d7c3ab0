# Covers: ZeroDivisionError from / on ints: the lines before stay printed, stderr's last line, exit 1.
def share(total, people):
    return total / people


def main():
    print(share(10, 4))
    print("about to divide by zero")
    print(share(10, 0))
    print("never printed")


main()
