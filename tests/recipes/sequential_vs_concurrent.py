# Covers: awaiting coroutines one after the other adds their times; gathering them takes the longest (timed in whole steps).
import asyncio
import time

STEP = 0.05


async def job(name):
    await asyncio.sleep(STEP)
    print(f"{name} done")


async def main():
    start = time.perf_counter()
    await job("first")
    await job("second")
    await job("third")
    print("one after the other:", round((time.perf_counter() - start) / STEP), "steps")
    start = time.perf_counter()
    await asyncio.gather(job("first"), job("second"), job("third"))
    print("gathered:", round((time.perf_counter() - start) / STEP), "steps")


asyncio.run(main())
