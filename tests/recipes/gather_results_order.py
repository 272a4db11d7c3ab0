# Covers: gather returns results in argument order even when the tasks finish in the reverse order.
import asyncio

STEP = 0.02


async def job(name, steps):
    await asyncio.sleep(steps * STEP)
    print(f"{name} finished after {steps} steps")
    return name.upper()


async def main():
    results = await asyncio.gather(job("slow", 3), job("medium", 2), job("fast", 1))
    print(results)
    print(await asyncio.gather(job("only", 0)))


asyncio.run(main())
