# Covers: ints at the edge of 64 bits (every intermediate result stays inside -2**63 .. 2**63-1).
def main():
    biggest = 2 ** 62 - 1 + 2 ** 62
    smallest = -2 ** 62 - 2 ** 62
    print(biggest, smallest)
    print(biggest == 9223372036854775807, smallest + biggest)
    print(biggest // 2, biggest % 10, smallest // 3, smallest % 7)
    print(3037000499 * 3037000499, 2 ** 62, -2 ** 62)
    print(9223372036854775807 - 1, len(str(biggest)), str(smallest)[0])
    print(int(9.2e18), float(biggest), biggest / 2)
    print(abs(smallest + 1), -biggest, max(biggest, smallest))
    f = 1
    for i in range(1, 21):
        f = f * i
    print(f"20! = {f}")


main()
