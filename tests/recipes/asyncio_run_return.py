# Covers: asyncio.run returns the coroutine's value; asyncio.run may be called twice, one after the other.
import asyncio

STEP = 0.01


async def preheat(target):
    temp = 100
    while temp < target:
        await asyncio.sleep(STEP)
        temp += 100
    return temp


async def main():
    return await preheat(350)


print("first run:", asyncio.run(main()))
print("second run:", asyncio.run(preheat(200)))
