# Covers: format specs on ints, floats and strings: width, align, fill, sign, zero padding, precision, %; bools and None in f-strings.
def main():
    for v in [0, 7, -7, 42, 1000, -1000]:
        print(f"[{v:5}] [{v:<5}] [{v:^5}] [{v:05}] [{v:+}] [{v:*>6}] [{v:.2f}] [{v:%}]")
    for v in [0.0, -0.0, 3.14159, -2.5, 1e16, 1e-5, 0.5]:
        print(f"[{v:8.3f}] [{v:<8}] [{v:+.1f}] [{v:08.2f}] [{v:.0%}] [{v:^9.2f}] [{v}]")
    for s in ["", "a", "oven", "crème"]:
        print(f"[{s:5}] [{s:>5}] [{s:^5}] [{s:.2}] [{s:_<6}]", "[{:^6}]".format(s))
    print(f"{True} {True:>6} {None!s:>6} {None!r} {[1, 2]!s}")


main()
