# Covers: a task that fails and is never awaited: CPython logs "Task exception was never retrieved" when the task is collected, after main's own error.
import asyncio


async def fails():
    print("fails runs")
    return [][0]


async def main():
    task = asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("task done:", task.done())
    print(1 / 0)


asyncio.run(main())
