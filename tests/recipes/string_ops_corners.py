# Covers: string repetition by 0 and negatives, comparisons of strings, membership, str() of values, int()/float() of padded and underscored text.
def main():
    s = "oven"
    print(s * 3, s * 0, s * -2, "ab" + "cd", "-".join(["a"]), "".join([]))
    print("a" < "b", "abc" < "abd", "Z" < "a", "é" > "z", "" < "a", "ab" < "abc")
    print(s[0], s[-1], s[len(s) - 1], "é"[0], "ab" in "cab", "" in "", s in [s])
    print(str(1.0), str(-0.0), str([1, "a"]), str(None), str(1e100), int("  -12  "), float(" 2.5\n"))
    print(int("1_000"), float("1e3"), float("-inf"), int("+7"), float("1_000.5"))


main()
