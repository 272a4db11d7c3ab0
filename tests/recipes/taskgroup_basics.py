# Covers: async with asyncio.TaskGroup(): tasks made with tg.create_task run beside the block, the block's end waits for all, results through the tasks, repr of the exceptions of a failure
import asyncio

STEP = 0.02


async def bake(name, steps):
    for i in range(steps):
        await asyncio.sleep(STEP)
    print(name, "baked")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        sponge = tg.create_task(bake("sponge", 2))
        lemon = tg.create_task(bake("lemon", 1))
        print("both started, done:", sponge.done(), lemon.done())
    print("after the group:", sponge.result(), lemon.result())
    async with asyncio.TaskGroup() as tg:
        pass
    print("an empty group ends at once")
    late = bake("late", 1)
    try:
        tg.create_task(late)
    except RuntimeError as error:
        print("too late:", "is finished" in str(error))
    print("awaited instead:", await late)


asyncio.run(main())
