# Covers: asyncio.Queue(maxsize) between a baker and two waiters; put waits while full, get while empty; task_done and join; qsize, empty, full
import asyncio

STEP = 0.01


async def baker(counter, cakes):
    for i in range(cakes):
        await counter.put(f"cake {i}")
        print(f"baked cake {i} (on the counter: {counter.qsize()}, full: {counter.full()})")
    print("baker done")


async def waiter(counter, name):
    while True:
        cake = await counter.get()
        print(f"{name} serves {cake}")
        await asyncio.sleep(STEP)
        counter.task_done()


async def main():
    counter = asyncio.Queue(maxsize=2)
    print("empty:", counter.empty(), "full:", counter.full())
    waiters = [asyncio.create_task(waiter(counter, name)) for name in ["Ann", "Bob"]]
    await baker(counter, 5)
    await counter.join()
    print("all served; empty:", counter.empty())
    for task in waiters:
        task.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    print([task.cancelled() for task in waiters])


asyncio.run(main())
