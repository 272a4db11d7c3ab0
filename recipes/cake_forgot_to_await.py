# Summary: the cake with an await forgotten: the bowl sleeps with time.sleep, which blocks the loop, so the oven waits until the mixing is done.
import asyncio
import time

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
        time.sleep(STEP)  # forgot to await: blocks the one thread, the loop waits
        print(f"mix_ingredients:: mixing things {i}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients())


asyncio.run(main())
