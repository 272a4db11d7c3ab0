# Covers: gather of gathers: nested result lists, and inner tasks started in order across the nesting.
import asyncio

STEP = 0.02


async def step(name, delay):
    print(f"start {name}")
    await asyncio.sleep(delay)
    print(f"end {name}")
    return name


async def main():
    oven = asyncio.gather(step("oven-a", STEP), step("oven-b", 3 * STEP))
    bowl = asyncio.gather(step("bowl-a", 2 * STEP), step("bowl-b", 4 * STEP))
    print(await asyncio.gather(oven, bowl))


asyncio.run(main())
