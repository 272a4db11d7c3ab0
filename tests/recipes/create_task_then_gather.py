# Covers: tasks created before a gather run first; gather of tasks and coroutines mixed; a task awaited after gather.
import asyncio

STEP = 0.02


async def job(name, steps):
    print(f"{name} starts")
    for i in range(steps):
        await asyncio.sleep(STEP)
    print(f"{name} ends")
    return name


async def main():
    early = asyncio.create_task(job("early", 2))
    spare = asyncio.create_task(job("spare", 3))
    results = await asyncio.gather(job("coro", 1), early)
    print(results, "spare done:", spare.done())
    print(await spare, spare.done())


asyncio.run(main())
