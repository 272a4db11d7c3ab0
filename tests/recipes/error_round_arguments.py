# Covers: round()'s arguments by name, and CPython's Argument Clinic TypeError for one too many.
def main():
    print(round(number=2.5), round(2.675, ndigits=2), round(ndigits=1, number=0.25), round(7, ndigits=None))
    print(round(1.5, 2, ndigits=3))


main()
