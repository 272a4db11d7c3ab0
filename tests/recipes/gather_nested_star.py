# Covers: gather nested in gather, with *list, an empty gather and a one-item gather: results shaped as the arguments.
import asyncio


async def n(x):
    await asyncio.sleep(0.01 * x)
    print("n", x)
    return x


async def main():
    inner = [n(i) for i in range(3, 0, -1)]
    print(await asyncio.gather(asyncio.gather(*inner), n(5), asyncio.gather(), asyncio.gather(n(4))))


asyncio.run(main())
