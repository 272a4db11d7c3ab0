# Covers: for over a list and a range, while, break, continue, nested loops, the loop variable after the loop.
def main():
    for item in ["flour", "sugar"]:
        print("add", item)
    for i in range(10):
        if i % 2 == 0:
            continue
        if i > 7:
            break
        print("odd", i)
    print("after the loop i is", i)
    n = 0
    while n < 100:
        n = n * 2 + 1
    print("n =", n)
    while True:
        n -= 30
        if n < 0:
            break
    print("n =", n)
    for row in range(3):
        for col in range(3):
            if col > row:
                break
            print(f"({row},{col})", end=" ")
        print()
    for x in []:
        print("never")
    count = 0
    while count < 3:
        count += 1
        if count == 2:
            continue
        print("count", count)


main()
