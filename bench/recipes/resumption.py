# Summary: what one resumption of a task costs: TASKS tasks each wait TURNS loop turns, and the recipe prints the ns each turn took.
import asyncio
import time

TASKS = 1000
TURNS = 1000


async def spin():
    for turn in range(TURNS):
        await asyncio.sleep(0)


async def main():
    start = time.perf_counter()
    await asyncio.gather(*[spin() for task in range(TASKS)])
    elapsed = time.perf_counter() - start
    print(f"{elapsed / (TASKS * TURNS) * 1e9:.1f}")


asyncio.run(main())
