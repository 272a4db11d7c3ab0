# Covers: a failing task in a TaskGroup cancels its siblings and the block (their finally blocks run), and the group raises an ExceptionGroup caught with except ExceptionGroup; eg.exceptions, str and repr
import asyncio

STEP = 0.02


async def burn():
    await asyncio.sleep(STEP)
    raise ValueError("the cake burnt")


async def bake(name):
    try:
        await asyncio.sleep(10 * STEP)
        print(name, "never done")
    finally:
        print(name, "taken out early")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bake("sponge"))
            tg.create_task(burn())
            tg.create_task(bake("lemon"))
            try:
                await asyncio.sleep(10 * STEP)
            except asyncio.CancelledError:
                print("the block is cancelled too")
                raise
    except ExceptionGroup as group:
        print("caught:", group)
        print(repr(group))
        print("exceptions:", group.exceptions, len(group.exceptions))
        for error in group.exceptions:
            print("one of them:", repr(error))
    print("and the program goes on")


asyncio.run(main())
