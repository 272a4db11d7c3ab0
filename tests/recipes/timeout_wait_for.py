# Covers: asyncio.wait_for: the result in time, TimeoutError when late (the task is cancelled and its finally runs first), an error passes through, None waits for ever, 0 gives up at once unless done, ordering beside other tasks
import asyncio

STEP = 0.02


async def heat(oven, steps):
    try:
        for i in range(steps):
            await asyncio.sleep(STEP)
            print(oven, "warmer", i)
        return oven + " hot"
    finally:
        print(oven, "heater off")


async def fails():
    await asyncio.sleep(STEP)
    raise ValueError("no gas")


async def ticker(name):
    for i in range(4):
        print(name, i)
        await asyncio.sleep(0)
    return name


async def main():
    print(await asyncio.wait_for(heat("quick", 1), timeout=0.1))
    try:
        print(await asyncio.wait_for(heat("slow", 10), 0.05))
    except TimeoutError as error:
        print("gave up on slow:", repr(error))
    try:
        await asyncio.wait_for(fails(), 1)
    except ValueError as error:
        print("failed:", error)
    print(await asyncio.wait_for(heat("patient", 1), None))
    try:
        await asyncio.wait_for(heat("zero", 1), 0)
    except asyncio.TimeoutError:
        print("zero timeout gives up at once")
    done = asyncio.create_task(heat("ready", 1))
    await asyncio.sleep(0.05)
    print(await asyncio.wait_for(done, 0))
    print(await asyncio.gather(ticker("a"), asyncio.wait_for(ticker("b"), 1), ticker("c")))


asyncio.run(main())
