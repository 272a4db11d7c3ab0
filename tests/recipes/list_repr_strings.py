# Covers: repr of strings inside lists and with !r: quote choice, escapes for backslash, newline, tab.
def main():
    print(['a', "b'c"])
    print(['say "hi"', "it's \"both\"", ""])
    print(["back\\slash", "new\nline", "tab\there"])
    print(["café", "x"])
    word = "oven"
    print(f"{word!r} {word!s} {word}")
    print(f"{[word, 'bowl']}", f'{"it" + "s"!r:>8}|')
    print([1, "1", 1.0, None, [word]])


main()
