# Covers: a negative asyncio.sleep yields one turn like sleep(0); in the blocking twin it is time.sleep(-1), a ValueError.
import asyncio


async def other():
    print("other runs")


async def main():
    asyncio.create_task(other())
    print("before")
    await asyncio.sleep(-1)
    print("after")


asyncio.run(main())
