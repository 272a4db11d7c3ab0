# Covers: async def with default values (a module constant among them) and keyword arguments, through gather and create_task.
import asyncio

STEP = 0.02
TARGET_TEMP = 300


async def preheat(target=TARGET_TEMP, step=STEP, label="oven"):
    temp = 100
    while temp < target:
        await asyncio.sleep(step)
        temp += 100
    print(f"{label} reached {temp}")
    return temp


async def main():
    first = asyncio.create_task(preheat(label="small oven", target=200))
    temps = await asyncio.gather(preheat(), preheat(500, step=STEP * 1.5, label="big oven"))
    print(temps, await first)


asyncio.run(main())
