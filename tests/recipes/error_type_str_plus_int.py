# Covers: TypeError for str + int, with CPython's exact wording.
def main():
    temp = 200
    print("temp is " + str(temp))
    print("temp is " + temp)


main()
