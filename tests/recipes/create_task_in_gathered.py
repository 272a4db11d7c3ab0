# Covers: gathered coroutines that each create a task of their own and await it, beside a plain coroutine.
import asyncio


async def child(name, delay):
    await asyncio.sleep(delay)
    print("child", name)
    return name


async def parent(name, delay):
    t = asyncio.create_task(child(name + "-c", delay))
    print("parent", name, "spawned")
    await asyncio.sleep(0)
    print("parent", name, "waiting")
    return await t


async def main():
    print(await asyncio.gather(parent("p1", 0.03), parent("p2", 0.01), child("solo", 0.02)))


asyncio.run(main())
