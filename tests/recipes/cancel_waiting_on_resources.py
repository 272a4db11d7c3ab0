# Covers: cancelling tasks that wait on a Lock, a Semaphore, an Event and a Queue: CancelledError at the await, the resource passes on to the next waiter, cancelled() after
import asyncio

STEP = 0.02


async def wait_for_lock(lock, name, log):
    try:
        async with lock:
            log.append(name + " got the lock")
            await asyncio.sleep(STEP)
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def take(queue, name, log):
    try:
        item = await queue.get()
        log.append(f"{name} got {item}")
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def main():
    log = []
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(wait_for_lock(lock, f"t{i}", log)) for i in range(3)]
    await asyncio.sleep(0)
    tasks[1].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print([task.cancelled() for task in tasks], lock.locked())

    ovens = asyncio.Semaphore(1)
    tasks = [asyncio.create_task(wait_for_lock(ovens, f"s{i}", log)) for i in range(3)]
    await asyncio.sleep(0)
    tasks[1].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print([task.cancelled() for task in tasks], ovens.locked())

    queue = asyncio.Queue()
    getters = [asyncio.create_task(take(queue, f"g{i}", log)) for i in range(3)]
    await asyncio.sleep(0)
    queue.put_nowait("first")
    getters[0].cancel()
    queue.put_nowait("second")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print([task.done() for task in getters], queue.qsize())
    getters[2].cancel()
    await asyncio.gather(*getters, return_exceptions=True)

    cooled = asyncio.Event()
    watcher = asyncio.create_task(cooled.wait())
    await asyncio.sleep(0)
    watcher.cancel()
    await asyncio.sleep(0)
    print("watcher cancelled:", watcher.cancelled())
    for line in log:
        print(line)


asyncio.run(main())
