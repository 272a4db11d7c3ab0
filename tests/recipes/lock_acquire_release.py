# Covers: await lock.acquire() gives True, release() by hand in a finally, release of a free lock is RuntimeError, a task that waits for a lock held by another
import asyncio


async def holder(lock, log):
    await lock.acquire()
    try:
        log.append("holder has it")
        await asyncio.sleep(0.02)
    finally:
        lock.release()
        log.append("holder let go")


async def waiter(lock, log):
    await asyncio.sleep(0)
    log.append("waiter asks, locked: " + str(lock.locked()))
    got = await lock.acquire()
    log.append("waiter got it: " + str(got))
    lock.release()


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as error:
        print("releasing a free lock:", error)
    log = []
    await asyncio.gather(holder(lock, log), waiter(lock, log))
    for line in log:
        print(line)
    print(await lock.acquire(), lock.locked())
    lock.release()
    print(lock.locked())


asyncio.run(main())
