# Covers: float() of a decimal string past the largest float gives inf, and one below the smallest gives 0.0, as in CPython.
def main():
    print(float("1e400"), float("-1e400"), float("inf"), float("-inf"))
    print(float("1e400") > 1e308, [float("1e400")], float("1e-400"), float("-1e-400"))


main()
