# Covers: a finished task wakes its awaiter through the ready queue (a turn later), not inline: other ready tasks run first.
import asyncio


async def quick():
    print("quick: step 1")
    await asyncio.sleep(0)
    print("quick: step 2, returning")
    return "quick's value"


async def chatty():
    for i in range(4):
        print(f"chatty: turn {i}")
        await asyncio.sleep(0)


async def main():
    q = asyncio.create_task(quick())
    c = asyncio.create_task(chatty())
    print("main: awaiting quick")
    value = await q
    print(f"main: got {value}")
    await c
    print("main: all done")


asyncio.run(main())
