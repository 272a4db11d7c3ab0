# Covers: TypeError for a call missing a required positional argument.
def bake(name, minutes):
    print(f"{name} for {minutes} min")


def main():
    bake("bread", 40)
    bake("cake")


main()
