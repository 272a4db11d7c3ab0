# Summary: uneven steps: the bowl's quicker steps fit between the oven's, and each line comes when its own timer is due.
import asyncio

TARGET_TEMP = 400
MIX_COUNT = 4
OVEN_STEP = 1
MIX_STEP = 0.6


async def preheat():
    temp = 100
    while temp < TARGET_TEMP:
        await asyncio.sleep(OVEN_STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")


async def mix_ingredients():
    for i in range(MIX_COUNT):
        await asyncio.sleep(MIX_STEP)
        print(f"mix_ingredients:: mixing things {i}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients())


asyncio.run(main())
