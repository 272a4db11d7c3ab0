# Covers: a keyword given to a str or list method: CPython says it takes none, before counting arguments.
def main():
    bowl = ["flour"]
    bowl.append("sugar")
    print(bowl, "MiXeD".upper())
    bowl.append(item="eggs")


main()
