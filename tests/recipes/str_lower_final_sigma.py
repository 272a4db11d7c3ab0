# Covers: str.lower of Greek capital sigma at the end of a word: CPython writes the final form ς.
def main():
    print("ΣΑΣ".lower(), "ΟΔΟΣ ΣΟΦΙΑΣ".lower(), "Σ".lower(), "ΑΣ.".lower())


main()
