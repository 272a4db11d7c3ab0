# Covers: asyncio.Lock shared by two cakes with async with; locked() before, inside and after; the second waits its turn
import asyncio

STEP = 0.02


async def bake(name, oven):
    print(f"{name}: wants the oven (locked: {oven.locked()})")
    async with oven:
        print(f"{name}: in the oven (locked: {oven.locked()})")
        await asyncio.sleep(STEP)
        print(f"{name}: out of the oven")
    return name + " baked"


async def main():
    oven = asyncio.Lock()
    print("oven locked at the start:", oven.locked())
    results = await asyncio.gather(bake("sponge", oven), bake("carrot", oven), bake("lemon", oven))
    print(results)
    print("oven locked at the end:", oven.locked())


asyncio.run(main())
