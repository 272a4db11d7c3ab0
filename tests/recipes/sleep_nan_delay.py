# Covers: asyncio.sleep(nan): a timer due at once, after sleep(0)'s yields (the twins' time.sleep refuses NaN).
import asyncio

STEP = 0.02


async def napper(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke")


async def main():
    await asyncio.gather(napper("zero", 0), napper("nan", float("nan")), napper("step", STEP), napper("zero again", 0))
    print(await asyncio.sleep(float("nan"), "done"))


asyncio.run(main())
