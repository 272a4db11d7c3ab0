# Covers: task.result() on a task that has not finished raises asyncio's InvalidStateError.
import asyncio

STEP = 0.01


async def slow():
    await asyncio.sleep(STEP)
    return 1


async def main():
    t = asyncio.create_task(slow())
    print("done:", t.done())
    print(t.result())


asyncio.run(main())
