# Covers: time.monotonic() and time.perf_counter() both move forward; a sleep takes at least its time (as whole steps).
import asyncio
import time

STEP = 0.04


async def main():
    m0 = time.monotonic()
    p0 = time.perf_counter()
    await asyncio.sleep(STEP)
    m1 = time.monotonic()
    p1 = time.perf_counter()
    print("monotonic moved:", m1 > m0, "perf_counter moved:", p1 > p0)
    print("slept at least a step:", p1 - p0 >= STEP, "in steps:", round((m1 - m0) / STEP))
    time.sleep(STEP)
    print("blocking sleep in steps:", round((time.monotonic() - m1) / STEP))
    print("well under a second in all:", time.perf_counter() - p0 < 1)


asyncio.run(main())
