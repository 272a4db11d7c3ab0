# Covers: def with positional parameters and defaults, keyword arguments at the call, in any order.
def bake(name, temp=180, minutes=30, glaze="none"):
    print(f"{name}: {temp} degrees for {minutes} min, glaze {glaze}")


def area(width, height=None):
    if height is None:
        height = width
    return width * height


def main():
    bake("sponge")
    bake("bread", 220)
    bake("scones", 200, 12)
    bake("tart", minutes=25)
    bake("cookies", glaze="sugar", temp=175)
    bake(name="muffins", minutes=20, temp=190)
    bake("pie", 190, glaze="egg", minutes=45)
    print(area(3), area(3, 4), area(height=2, width=5), area(2.5))


main()
