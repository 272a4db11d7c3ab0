# Covers: repr of strings holding characters Python does not print as they are (zero-width space, a control).
def main():
    for s in ["a\u200bb", "\x7f", "\u00a0", "\u2028", "é"]:
        print(f"{s!r}", [s], len(s))


main()
