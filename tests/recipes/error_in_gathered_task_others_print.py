# Covers: an IndexError in one of three gathered tasks: the others' lines until then stay printed, exit 1.
import asyncio


async def steady(name):
    for i in range(5):
        await asyncio.sleep(0.02)
        print(name, i)


async def breaks():
    await asyncio.sleep(0.05)
    print("breaks now")
    return [1, 2][5]


async def main():
    await asyncio.gather(steady("a"), breaks(), steady("b"))


asyncio.run(main())
