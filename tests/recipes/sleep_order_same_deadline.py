# Covers: timers that fall due in the same loop turn run in the order they were scheduled, whatever the task's name.
import asyncio

STEP = 0.02


async def report(name):
    await asyncio.sleep(STEP)
    print(f"{name} woke")
    await asyncio.sleep(0)
    print(f"{name} after one more turn")


async def main():
    await asyncio.gather(report("zeta"), report("alpha"), report("mid"))


asyncio.run(main())
