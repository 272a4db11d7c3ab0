# Covers: len, indexing and padding of a string with a character outside the BMP (an emoji): CPython counts code points.
def main():
    cake = "😀 cake"
    print(len(cake), len("😀"), cake[0], cake[1] == " ", cake[-1], cake[2])
    print(f"[{'😀':*<3}]", "{:>4}|".format("😀"), "😀".upper(), ["😀"])


main()
