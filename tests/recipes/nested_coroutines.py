# Covers: coroutines awaiting coroutines directly (no task): each runs inside its caller, in order, returning values up.
import asyncio

STEP = 0.01


async def crack_egg(n):
    await asyncio.sleep(STEP)
    print(f"    cracked egg {n}")
    return 1


async def make_batter(eggs):
    print("  making batter")
    count = 0
    for n in range(eggs):
        count += await crack_egg(n)
    print("  batter ready")
    return f"batter with {count} eggs"


async def bake():
    print("baking starts")
    batter = await make_batter(3)
    print("baking", batter)
    return [batter, await make_batter(1)]


async def main():
    print(await bake())


asyncio.run(main())
