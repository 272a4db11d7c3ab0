# Summary: start early: create_task puts the oven on the loop, main mixes meanwhile (its lines first: the task starts a turn later), then awaits the oven.
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
    return temp


async def mix_ingredients():
    for i in range(MIX_COUNT):
        await asyncio.sleep(STEP)
        print(f"mix_ingredients:: mixing things {i}")


async def main():
    oven = asyncio.create_task(preheat())
    print(f"main:: oven started, done: {oven.done()}")
    await mix_ingredients()
    temp = await oven
    print(f"main:: oven done: {oven.done()}, at {temp}")


asyncio.run(main())
