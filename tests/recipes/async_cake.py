# Covers: the bundled cake with 20 ms steps: the default async output, oven and bowl taking turns.
import asyncio

TARGET_TEMP = 400
MIX_COUNT = 3
STEP = 0.02


async def preheat():
    temp = 100
    while temp < TARGET_TEMP:
        await asyncio.sleep(STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")


async def mix_ingredients():
    for i in range(MIX_COUNT):
        await asyncio.sleep(STEP)
        print(f"mix_ingredients:: mixing things {i}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients())


asyncio.run(main())
