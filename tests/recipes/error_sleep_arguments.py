# Covers: asyncio.sleep given its delay twice: CPython's TypeError for a Python function (the twins' time.sleep(STEP) runs on).
import asyncio

STEP = 0.02


async def main():
    print(await asyncio.sleep(STEP, result="slept"))
    print(await asyncio.sleep(STEP, delay=STEP))


asyncio.run(main())
