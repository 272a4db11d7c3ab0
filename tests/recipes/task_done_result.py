# Covers: task.done() before and after, task.result() of a finished task, awaiting a finished task again.
import asyncio

STEP = 0.02


async def preheat(target):
    temp = 100
    while temp < target:
        await asyncio.sleep(STEP)
        temp += 100
    return temp


async def main():
    oven = asyncio.create_task(preheat(300))
    print("done at start:", oven.done())
    await asyncio.sleep(STEP / 2)
    print("done after half a step:", oven.done())
    value = await oven
    print("awaited:", value, "done:", oven.done(), "result:", oven.result())
    print("awaited again:", await oven, oven.result() + 1)


asyncio.run(main())
