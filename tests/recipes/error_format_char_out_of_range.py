# Covers: {n:c} past the last code point: CPython raises OverflowError, not ValueError.
def main():
    print(f"{9731:c}|{65:^5c}|")
    print(f"{1114112:c}")


main()
