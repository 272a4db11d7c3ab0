# Covers: gather(return_exceptions=True) gives the recipe's own exceptions in their places, as repr() shows them
import asyncio


async def bake(name, fail):
    await asyncio.sleep(0.01)
    if fail:
        raise ValueError(name, 2)
    return name


async def main():
    results = await asyncio.gather(bake("d", True), bake("e", False), bake("f", True), return_exceptions=True)
    print(results)
    print([str(r) for r in results])


asyncio.run(main())
