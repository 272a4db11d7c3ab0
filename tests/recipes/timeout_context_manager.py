# Covers: async with asyncio.timeout(): the block cancelled at the deadline becomes TimeoutError, a block in time, None, a deadline already past, a CancelledError swallowed inside, expired()
import asyncio

STEP = 0.02


async def heat(oven, steps):
    try:
        for i in range(steps):
            await asyncio.sleep(STEP)
            print(oven, "warmer", i)
    finally:
        print(oven, "heater off")


async def main():
    try:
        async with asyncio.timeout(0.05) as deadline:
            print("expired at the start:", deadline.expired())
            await heat("slow", 10)
        print("never")
    except TimeoutError:
        print("the slow oven timed out; expired:", deadline.expired())
    async with asyncio.timeout(1) as deadline:
        await heat("quick", 1)
    print("quick expired:", deadline.expired())
    async with asyncio.timeout(None):
        await heat("no deadline", 1)
    try:
        async with asyncio.timeout(-1):
            await asyncio.sleep(0)
            print("never")
    except TimeoutError:
        print("a deadline already past")
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("the cancel is caught inside")
        print("and the block ends without TimeoutError")
    except TimeoutError:
        print("never")


asyncio.run(main())
