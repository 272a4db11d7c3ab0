# Covers: strs order by code point, so a character beyond U+FFFF comes after U+E000..U+FFFF, as in CPython.
def main():
    print("😀" > "ﬁ", "ﬁ" < "😀", max("😀", "ﬁ", "a"), min("\uffff", "𝐀"))
    print("a😀" < "aﬁ", "😀" > "\ue000", "abc" < "abd", "ab" < "abc", "" < "a", "é" > "z")


main()
