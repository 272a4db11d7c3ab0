# Covers: an error inside one gathered task: the other task's lines so far stay printed, the error ends the run, exit 1.
import asyncio

OVEN_STEP = 0.03
MIX_STEP = 0.02


async def preheat():
    temp = 100
    while temp < 400:
        await asyncio.sleep(OVEN_STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")


async def mix_ingredients():
    for i in range(3):
        await asyncio.sleep(MIX_STEP)
        print(f"mix_ingredients:: mixing things {i}")
        if i == 1:
            print(f"mix_ingredients:: ratio {10 // (1 - i)}")


async def main():
    await asyncio.gather(preheat(), mix_ingredients())
    print("never printed")


asyncio.run(main())
