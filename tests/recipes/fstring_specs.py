# Covers: f-strings: plain fields, expressions, specs {t:.1f} {i:>3} {n:03d}, fill and align, sign, width on strings, %.
def main():
    t = 212.456
    i = 7
    n = 5
    print(f"{t:.1f} {t:.0f} {t:10.2f}| {t:f}")
    print(f"[{i:>3}] [{i:<3}] [{i:^3}] [{i:3}]")
    print(f"{n:03d} {-n:04d} {n:+d} {-n:+d} {n:d} {1234:2d}")
    print(f"[{'ab':>5}] [{'ab':<5}] [{'ab':^6}] [{'ab':5}] [{'ab':s}]")
    print(f"[{i:*^9}] [{'x':-<4}] [{3.5:>8.2f}] [{-3.5:08.2f}]")
    print(f"{0.256:.1%} {1:%} {0.5:.0%}")
    print(f"{i * 2 + 1} {t > 200} {[i, n]} {None} {True} {1 / 3} {-0.0}")
    print(f"{{braces}} {i}{n} {'nested ' + 'expr'}")
    for k in range(3):
        print(f"{k:>2}: {k * 1.5:5.2f}")


main()
