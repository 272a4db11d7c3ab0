# Covers: gather(*[coroutines from a comprehension]) with results in list order, and gather() with nothing to wait for.
import asyncio

STEP = 0.01


async def square(n):
    await asyncio.sleep((5 - n) * STEP)
    print(f"squared {n}")
    return n * n


async def main():
    squares = await asyncio.gather(*[square(n) for n in range(5)])
    print(squares, sum(squares))
    print(await asyncio.gather())


asyncio.run(main())
