# Covers: gather of tasks that already finished, of the same task twice, and of a coroutine beside them.
import asyncio


async def quick(n):
    print("quick", n)
    return n * n


async def main():
    tasks = [asyncio.create_task(quick(n)) for n in range(3)]
    await asyncio.sleep(0.01)
    print([t.done() for t in tasks])
    results = await asyncio.gather(*tasks)
    print(results)
    print(await asyncio.gather(tasks[0], tasks[0], quick(9)))


asyncio.run(main())
