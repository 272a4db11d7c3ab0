# Covers: asyncio.run called twice in one recipe, each with its own gather, each returning its value.
import asyncio


async def count(name, n):
    for i in range(n):
        await asyncio.sleep(0)
        print(name, i)
    return n


async def main(tag):
    print(tag, await asyncio.gather(count(tag + "x", 2), count(tag + "y", 1)))
    return tag


print(asyncio.run(main("first")))
print(asyncio.run(main("second")))
