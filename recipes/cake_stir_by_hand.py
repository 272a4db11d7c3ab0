# Summary: the cake stirred by hand: the bowl computes on the loop's one thread, so the oven reports only between its steps.
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


def stir_by_hand(seconds):
    # keeps the thread busy: no one else runs on it meanwhile
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


async def mix_ingredients():
    for i in range(MIX_COUNT):
        stir_by_hand(STEP)  # computes on the loop's thread: the loop stalls for the step
        print(f"mix_ingredients:: mixing things {i}")
        await asyncio.sleep(0)  # nothing to wait for: lets the others due run first


async def main():
    await asyncio.gather(preheat(), mix_ingredients())


asyncio.run(main())
