# Covers: NameError for a name that was never bound (no similar name, so CPython adds no suggestion).
def main():
    temp = 100
    print("temp is", temp)
    print(oven_door)


main()
