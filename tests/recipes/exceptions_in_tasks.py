# Covers: an exception in a task reaches whoever awaits it; gather's first error; await in try and in finally
import asyncio


async def bake(name, delay, fail):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise RuntimeError(f"{name} burnt")
        return name
    finally:
        await asyncio.sleep(0.01)
        print("cleaned", name)


async def main():
    try:
        await bake("pie", 0.02, True)
    except RuntimeError as e:
        print("awaited:", e)
    task = asyncio.create_task(bake("tart", 0.03, True))
    try:
        await task
    except RuntimeError as e:
        print("task:", e)
    try:
        print(await asyncio.gather(bake("a", 0.02, False), bake("b", 0.04, True), bake("c", 0.06, False)))
    except RuntimeError as e:
        print("gather:", e)
    await asyncio.sleep(0.1)


asyncio.run(main())
