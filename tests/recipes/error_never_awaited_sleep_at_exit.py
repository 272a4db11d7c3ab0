# Covers: asyncio.sleep() never awaited, held by main while a task fails: CPython's warning at exit names 'sleep'.
import asyncio


async def bake(minutes):
    await asyncio.sleep(0.02)
    return 100 // minutes


async def main():
    pause = asyncio.sleep(0.05)
    print("baking")
    print(await bake(0))


asyncio.run(main())
