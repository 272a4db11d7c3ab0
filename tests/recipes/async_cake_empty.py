# Covers: the cake with knobs at their edges: T <= 100 gives no oven step, N = 0 no mixing step; gather still completes.
import asyncio

TARGET_TEMP = 100
MIX_COUNT = 0
STEP = 0.02


async def preheat():
    temp = 100
    while temp < TARGET_TEMP:
        await asyncio.sleep(STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")
    print(f"preheat:: done at {temp}")


async def mix_ingredients():
    for i in range(MIX_COUNT):
        await asyncio.sleep(STEP)
        print(f"mix_ingredients:: mixing things {i}")
    print("mix_ingredients:: done")


async def main():
    results = await asyncio.gather(preheat(), mix_ingredients())
    print(results)


asyncio.run(main())
