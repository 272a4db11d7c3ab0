# Covers: asyncio.Semaphore(1) whose holder releases and asks again at once: asyncio keeps the count for the waiter it woke, so the two take turns; threading.Semaphore (the threaded twin) lets the releaser take it back first
import asyncio

STEP = 0.02


async def bake(name, oven):
    for batch in range(2):
        async with oven:
            print(f"{name}: batch {batch} in the oven")
            await asyncio.sleep(STEP)
    print(f"{name}: done")


async def main():
    oven = asyncio.Semaphore(1)
    await asyncio.gather(bake("sponge", oven), bake("carrot", oven))
    print("locked at the end:", oven.locked())


asyncio.run(main())
