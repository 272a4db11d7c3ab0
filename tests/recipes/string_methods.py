# Covers: str.upper, str.lower, str.join (on lists of strings, comprehensions, an empty list), + and indexing on strings.
def main():
    name = "Kitchen Python"
    print(name.upper(), name.lower(), "MiXeD 123!".lower(), "crème".upper())
    print(", ".join(["flour", "sugar", "eggs"]), "".join(["a", "b", "c"]), "-".join([]))
    print(" + ".join([str(i) for i in range(4)]), "|".join(["only"]))
    print(name[0], name[-1], name[8], len(name), name.upper()[1])
    greeting = "hello" + ", " + "world"
    print(greeting, greeting.upper().lower() == greeting)
    words = []
    for w in ["oven", "bowl", "tin"]:
        words.append(w.upper())
    print(words, " ".join(words).lower())


main()
