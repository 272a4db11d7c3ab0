# Covers: asyncio.Event: the frosting waits for the cake to cool; set() wakes every waiter in order; wait() on a set event does not wait; clear()
import asyncio

STEP = 0.02


async def frost(cooled, name):
    print(f"{name} waits for the cake to cool")
    result = await cooled.wait()
    print(f"{name} frosts ({result})")


async def cool(cooled):
    await asyncio.sleep(STEP)
    print("the cake has cooled")
    cooled.set()
    print("is_set:", cooled.is_set())


async def main():
    cooled = asyncio.Event()
    print("is_set at first:", cooled.is_set())
    await asyncio.gather(frost(cooled, "vanilla"), frost(cooled, "chocolate"), cool(cooled))
    print("waiting again:", await cooled.wait())
    cooled.clear()
    print("cleared:", cooled.is_set())
    cooled.set()
    cooled.set()
    print("set twice:", cooled.is_set())


asyncio.run(main())
