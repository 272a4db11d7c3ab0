# Covers: TypeError for int + str (the other operand order has other wording).
def main():
    count = 3
    print(count + 1)
    print(count + " eggs")


main()
