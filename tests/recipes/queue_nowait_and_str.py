# Covers: put_nowait/get_nowait, asyncio.QueueFull and asyncio.QueueEmpty with their repr, str() of a queue as CPython writes it, first in first out, task_done called too often
import asyncio


async def main():
    q = asyncio.Queue(2)
    print(q)
    q.put_nowait("flour")
    q.put_nowait(["eggs", 2])
    print(q)
    try:
        q.put_nowait("sugar")
    except asyncio.QueueFull as error:
        print("full:", repr(error), str(error) == "")
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as error:
        print("empty:", repr(error))
    print(q)
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as error:
        print(error)
    unbounded = asyncio.Queue()
    for i in range(100):
        unbounded.put_nowait(i)
    print(unbounded.qsize(), unbounded.full())
    total = 0
    while not unbounded.empty():
        total += unbounded.get_nowait()
    print(total)
    try:
        await q.put()
    except TypeError as error:
        print(error)
    try:
        q.get(1)
    except TypeError as error:
        print(error)


asyncio.run(main())
