# Covers: three gathered tasks with equal steps: at every step they report in the order they were started.
import asyncio

STEP = 0.02


async def job(name, count):
    for i in range(count):
        await asyncio.sleep(STEP)
        print(f"{name}:: step {i}")
    return count


async def main():
    done = await asyncio.gather(job("oven", 3), job("bowl", 2), job("tin", 4))
    print("steps:", done)


asyncio.run(main())
