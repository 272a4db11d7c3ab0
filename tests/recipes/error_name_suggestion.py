# Covers: NameError for a misspelt name: CPython 3.11 ends the line with a suggestion ("Did you mean: 'temp'?").
def main():
    temp = 100
    print("temp is", temp)
    print(tempp)


main()
