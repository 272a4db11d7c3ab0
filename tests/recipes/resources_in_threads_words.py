# Covers: what the threaded twin's threading and queue say differently from asyncio: a lock's and a semaphore's `async with ... as` value, a semaphore's error for a count below 0, an empty or full queue's exception and its repr (raised by the queue, or by hand), a lock released twice
import asyncio


async def main():
    lock = asyncio.Lock()
    ovens = asyncio.Semaphore(2)
    async with lock as got:
        print("the lock gives", got, lock.locked())
    async with ovens as got:
        print("the ovens give", got)
    try:
        asyncio.Semaphore(-1)
    except ValueError as error:
        print("error:", error)
    counter = asyncio.Queue(1)
    try:
        counter.get_nowait()
    except asyncio.QueueEmpty as error:
        print("empty:", repr(error))
    counter.put_nowait("cake")
    try:
        counter.put_nowait("pie")
    except asyncio.QueueFull as error:
        print("full:", repr(error))
    try:
        raise asyncio.QueueFull("by hand")
    except asyncio.QueueFull as error:
        print("by hand:", repr(error))
    try:
        lock.release()
    except RuntimeError as error:
        print("released twice:", error)
    counter.get_nowait()
    counter.get_nowait()


asyncio.run(main())
