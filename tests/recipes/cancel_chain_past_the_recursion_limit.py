# Covers: task.cancel() down a chain of tasks that await tasks is one C call a link in CPython, so a chain too long raises RecursionError at the cancel(), the links above counted and the task at the bottom never told
import asyncio


async def link(n, stop):
    if n == 0:
        while not stop.is_set():
            await asyncio.sleep(0)
        return "bottom reached"
    return await asyncio.create_task(link(n - 1, stop))


async def cancel_chain(length):
    stop = asyncio.Event()
    top = asyncio.create_task(link(length, stop))
    await asyncio.sleep(0.01)
    try:
        print(length, "links:", top.cancel())
    except RecursionError as e:
        print(length, "links: RecursionError:", e)
    print("cancelling:", top.cancelling())
    stop.set()
    try:
        print("result:", await top)
    except asyncio.CancelledError:
        print("cancelled")


async def main():
    await cancel_chain(988)
    await cancel_chain(989)


asyncio.run(main())
