# Covers: asyncio.Semaphore(2) lets two cakes bake at once; locked() while full and while others queue; async with releases
import asyncio

STEP = 0.02


async def bake(ovens, name, busy):
    async with ovens:
        busy[0] = busy[0] + 1
        print(f"{name} in, baking: {busy[0]}, locked: {ovens.locked()}")
        await asyncio.sleep(STEP)
        busy[0] = busy[0] - 1
        print(f"{name} out")


async def main():
    ovens = asyncio.Semaphore(2)
    busy = [0]
    await asyncio.gather(*[bake(ovens, f"cake {i}", busy) for i in range(5)])
    print("locked at the end:", ovens.locked())
    one = asyncio.Semaphore(value=1)
    print(await one.acquire(), one.locked())
    one.release()
    one.release()
    print("released twice, locked:", one.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as error:
        print(error)
    zero = asyncio.Semaphore(0)
    print("zero is locked:", zero.locked())


asyncio.run(main())
