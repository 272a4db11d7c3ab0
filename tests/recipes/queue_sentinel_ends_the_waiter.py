# Covers: asyncio.Queue from a baker to a waiter who stops at a sentinel (None); task_done and join; in the threaded twin a queue.Queue between threads (imported as queues, the recipe having a queue of its own), in the blocking twin a get no other task can fill
import asyncio

STEP = 0.02


async def baker(counter, cakes):
    for i in range(cakes):
        await asyncio.sleep(STEP)
        print(f"baked cake {i}")
        await counter.put(f"cake {i}")
    await counter.put(None)


async def waiter(counter):
    served = 0
    while True:
        cake = await counter.get()
        counter.task_done()
        if cake is None:
            break
        print(f"served {cake}")
        served += 1
    return served


async def main():
    queue = asyncio.Queue()
    results = await asyncio.gather(waiter(queue), baker(queue, 3))
    await queue.join()
    print("served", results[0], "empty:", queue.empty())


asyncio.run(main())
