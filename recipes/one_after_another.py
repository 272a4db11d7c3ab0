# Summary: awaiting one after the other: async code that still takes as long as the blocking bake, because nothing runs alongside.
import asyncio

TARGET_TEMP = 400
MIX_COUNT = 3
STEP = 1


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
    # Each await waits for its coroutine to finish: the bowl starts when the oven is done.
    await preheat()
    await mix_ingredients()


asyncio.run(main())
