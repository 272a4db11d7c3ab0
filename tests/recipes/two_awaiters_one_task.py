# Covers: two tasks awaiting the same task: both wake in the order they began to wait, then main awaits it a third time.
import asyncio


async def oven():
    print("oven heating")
    await asyncio.sleep(0.02)
    print("oven hot")
    return 400


async def waiter(name, task):
    print(name, "waits")
    temp = await task
    print(name, "sees", temp)
    return name


async def main():
    t = asyncio.create_task(oven())
    print(await asyncio.gather(waiter("first", t), waiter("second", t)))
    print("main sees", await t)


asyncio.run(main())
