# Covers: a short task finishes and reports while a long one sleeps; the long one carries on alone afterwards.
import asyncio

STEP = 0.02


async def long_job():
    print("long: starts a 5-step sleep")
    await asyncio.sleep(5 * STEP)
    print("long: woke up")
    return "long"


async def short_job():
    for i in range(3):
        await asyncio.sleep(STEP)
        print(f"short: step {i}")
    print("short: finished")
    return "short"


async def main():
    print(await asyncio.gather(long_job(), short_job()))


asyncio.run(main())
