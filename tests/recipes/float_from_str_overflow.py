# Covers: float() of a decimal string past the largest float gives inf, as CPython does; and inf's repr.
def main():
    print(float("1e400"), float("-1e400"), float("inf"), float("-inf"))
    print(float("1e400") > 1e308, [float("1e400")])


main()
