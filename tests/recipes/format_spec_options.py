# Covers: format spec options CPython 3.11 takes beyond the guide's list: 'n', 'z', '#' with no type, '_' by fours in hex, grouping before '%'.
def main():
    price = 1234.5678
    count = 1234567
    print(f"{count:n}|{price:n}|{price:.3n}|{-0.0:z}|{-0.04:z.1f}|{-0.001:z.1%}|{-2.5:z.0f}")
    print(f"{1e-05:#}|{1e16:#}|{2.5:#.6}|{price:#.1}|{0.0:#.0}|{1.0:#}")
    print(f"{count:_x}|{255:#010_b}|{48879:_X}|{255:#X}|{-12345:2_.0%}|{255:=08,}|{255:0>8,}")
    print("{:n}|{:z.2f}|{:_o}".format(7, -0.001, 4096))


main()
