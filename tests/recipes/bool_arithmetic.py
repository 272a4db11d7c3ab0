# Covers: bools in arithmetic, sum, min/max, indexing and format specs, as the ints 1 and 0.
def main():
    print(True + True, True * 7, -True, False - 1, True / 2, True // 1, 5 % True)
    print(sum([True, True, False]), max(True, 0), min(False, -1), abs(True))
    print(True == 1, False == 0, True is True, 1 in [True], str(True), int(True), float(False))
    print(f"{True:d} {False:5d} {True:.1f}", round(True), [True, 1][True])


main()
