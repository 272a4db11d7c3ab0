# Covers: create_task does not run the task at once: main goes on until it awaits; tasks then start in creation order.
import asyncio


async def job(name):
    print(f"{name} starts")
    await asyncio.sleep(0)
    print(f"{name} resumes")
    return name


async def main():
    first = asyncio.create_task(job("first"))
    second = asyncio.create_task(job("second"))
    print("main created both")
    print("main still running, first done:", first.done())
    await asyncio.sleep(0)
    print("main after one turn")
    print(await second, await first)
    print("both done:", first.done(), second.done())


asyncio.run(main())
