# Covers: await asyncio.sleep(0) yields exactly one loop turn: three tasks take turns round-robin, in creation order.
import asyncio


async def worker(name, turns):
    for i in range(turns):
        print(f"{name} turn {i}")
        await asyncio.sleep(0)
    print(f"{name} finished")


async def main():
    print("main starts")
    await asyncio.gather(worker("a", 3), worker("b", 1), worker("c", 2))
    print("main ends")


asyncio.run(main())
