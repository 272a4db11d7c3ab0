# Covers: import asyncio, time on one line; CPU-bound work as plain Python (while time.perf_counter() < end: pass) stalls the loop like a blocking sleep.
import asyncio, time

STEP = 0.01


def stir_by_hand(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def stirrer():
    for i in range(2):
        stir_by_hand(3 * STEP)
        print(f"stirrer: stirred 30 ms ({i})")
        await asyncio.sleep(0)


async def oven():
    for i in range(2):
        await asyncio.sleep(STEP)
        print(f"oven: tick {i}")


async def main():
    start = time.perf_counter()
    await asyncio.gather(stirrer(), oven())
    print("at least 60 ms:", time.perf_counter() - start >= 6 * STEP)


asyncio.run(main())
