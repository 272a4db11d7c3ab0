# Covers: asyncio.Lock serves its waiters in the order they came; a newcomer arriving just after a release still queues behind the woken waiter
import asyncio


async def use(lock, name, order):
    async with lock:
        order.append(name)
        await asyncio.sleep(0)


async def newcomer(lock, order):
    # Arrives in the same turn as the release: the lock looks free, but the first waiter is already woken.
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("newcomer sees locked:", lock.locked())
    async with lock:
        order.append("newcomer")


async def main():
    lock = asyncio.Lock()
    order = []
    tasks = [asyncio.create_task(use(lock, f"cake {i}", order)) for i in range(4)]
    tasks.append(asyncio.create_task(newcomer(lock, order)))
    await asyncio.gather(*tasks)
    print(order)


asyncio.run(main())
