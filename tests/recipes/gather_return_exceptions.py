# Covers: gather(..., return_exceptions=True) gives each failed task's exception in its place: its repr, its str, in a list.
import asyncio


async def bad(n):
    await asyncio.sleep(0.01 * n)
    if n == 2:
        return [n][5]
    if n == 3:
        return 1 / 0
    return n


async def main():
    results = await asyncio.gather(bad(1), bad(2), bad(3), return_exceptions=True)
    print(results)
    for r in results:
        print(f"{r} | {r!r}", str(r), repr(r))
    print(results[1] is results[1], len(results))


asyncio.run(main())
