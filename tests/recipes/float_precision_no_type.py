# Covers: a float format spec with a precision and no type: CPython switches to exponent form when the exponent reaches the precision.
def main():
    print(f"{100.0:.3}|{123.456:.3}|{2.0:.1}|{0.5:.3}|{1234.5:10.2}|")
    print("{:.2}|{:.0}|{:08.3}".format(99.5, 7.0, 123.456))


main()
