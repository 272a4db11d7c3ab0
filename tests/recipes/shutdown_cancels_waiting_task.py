# Covers: asyncio.run ends while a task still waits on a queue: the task is cancelled and its finally runs before asyncio.run returns
import asyncio


async def waiter(queue):
    try:
        while True:
            item = await queue.get()
            print("served", item)
            queue.task_done()
    finally:
        print("waiter goes home, left on the counter:", queue.qsize())


async def main():
    queue = asyncio.Queue()
    asyncio.create_task(waiter(queue))
    for cake in ["sponge", "lemon"]:
        await queue.put(cake)
    await queue.join()
    print("main ends")


asyncio.run(main())
print("after asyncio.run")
