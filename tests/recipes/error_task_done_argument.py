# Covers: Task.done() given an argument: CPython's message names Task.done (the threaded twin's, its own method's).
import asyncio

STEP = 0.02


async def job():
    await asyncio.sleep(STEP)
    return "baked"


async def main():
    task = asyncio.create_task(job())
    print(await task, task.done())
    print(task.done(True))


asyncio.run(main())
