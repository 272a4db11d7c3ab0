# Covers: str.format with automatic, numbered and named fields, format specs, and {{ }} for literal braces.
def main():
    print("{} and {}".format("oven", "bowl"))
    print("{1} before {0}, {0} again".format("first", "second"))
    print("{name} is at {temp} degrees".format(name="oven", temp=350))
    print("[{:>6}] [{:<6}] [{:^6}]".format("ab", "cd", "ef"))
    print("{:.2f} {:03d} {:5d} {:+d}".format(3.14159, 7, 42, 5))
    print("{{literal}} {}".format(1), "{}".format([1, "a"]), "{}".format(None))
    print("{:.1f}%".format(99.95), "{:.0f}".format(2.5), "{:.0f}".format(3.5))
    template = "step {} of {}"
    for i in range(1, 3):
        print(template.format(i, 2))


main()
