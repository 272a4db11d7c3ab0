# Covers: time.sleep inside async code blocks the whole loop: a task due in 10 ms waits until the blocker yields.
import asyncio
import time

STEP = 0.01


async def blocker():
    for i in range(3):
        time.sleep(4 * STEP)
        print(f"blocker: slept 40 ms without yielding ({i})")
        await asyncio.sleep(0)


async def timer():
    print("timer: waits 10 ms")
    await asyncio.sleep(STEP)
    print("timer: woke (late)")


async def main():
    await asyncio.gather(blocker(), timer())


asyncio.run(main())
