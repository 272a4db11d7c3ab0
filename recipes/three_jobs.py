# Summary: three jobs on one loop: a third task (greasing the tin) takes its turn after the other two at every step.
import asyncio

TARGET_TEMP = 400
MIX_COUNT = 3
GREASE_COUNT = 2
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


async def grease_tin():
    for i in range(GREASE_COUNT):
        await asyncio.sleep(STEP)
        print(f"grease_tin:: greasing side {i}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients(), grease_tin())


asyncio.run(main())
