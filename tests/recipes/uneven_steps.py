# Covers: sleeps of different lengths: 20 ms oven steps and 50 ms bowl steps interleave by due time (no two closer than 10 ms).
import asyncio

OVEN_STEP = 0.02
MIX_STEP = 0.05


async def preheat():
    temp = 100
    while temp < 500:
        await asyncio.sleep(OVEN_STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")


async def mix_ingredients():
    for i in range(2):
        await asyncio.sleep(MIX_STEP)
        print(f"mix_ingredients:: mixing things {i}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients())


asyncio.run(main())
