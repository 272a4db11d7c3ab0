# Covers: list literals, append, indexing with negative indices, item assignment, nested lists, comprehensions.
def main():
    bowl = []
    print(bowl, len(bowl))
    bowl.append("flour")
    bowl.append("sugar")
    bowl.append(3)
    print(bowl, bowl[0], bowl[-1], bowl[-2], len(bowl))
    bowl[2] = "eggs"
    print(bowl)
    grid = [[1, 2], [3, 4], []]
    print(grid, grid[1][0], grid[-1], len(grid[2]))
    grid[2].append(5)
    print(grid)
    squares = [i * i for i in range(6)]
    evens = [s for s in squares if s % 2 == 0]
    print(squares, evens, [s + 0.5 for s in evens if s > 0 if s < 16])
    alias = squares
    alias.append(36)
    print(squares[-1], len(squares), [None, True, False, 1.0, -2])


main()
