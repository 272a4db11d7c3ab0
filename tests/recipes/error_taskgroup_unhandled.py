# Covers: an ExceptionGroup from a TaskGroup that nobody catches ends the program with CPython's boxes on stderr
import asyncio


async def burn():
    await asyncio.sleep(0.02)
    raise ValueError("the cake burnt")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(burn())
        print("baking")


asyncio.run(main())
