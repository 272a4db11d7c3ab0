# Covers: time.sleep inside a task holds up another task's due timer; the late timer then counts its next sleep from when it ran.
import asyncio
import time


async def ticker(name, delay, n):
    for i in range(n):
        await asyncio.sleep(delay)
        print(name, i)


async def blocker():
    await asyncio.sleep(0.01)
    print("blocker blocks the loop")
    time.sleep(0.05)
    print("blocker done blocking")
    await asyncio.sleep(0.03)
    print("blocker after async sleep")


async def main():
    await asyncio.gather(ticker("fast", 0.02, 4), blocker())


asyncio.run(main())
