# Covers: asyncio's own frames count against the recursion limit: a task recurses 9 frames less deep than the module (990 here).
import asyncio

N = 990


def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1


async def job():
    print(depth(N))


async def main():
    await asyncio.gather(job())
    t = asyncio.create_task(job())
    await t


asyncio.run(main())
