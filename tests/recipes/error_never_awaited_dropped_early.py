# Covers: coroutines never awaited, dropped while the recipe runs (a statement's call, a comprehension's list): warned of then, so the error's line stays stderr's last.
import asyncio


async def frost(layer):
    print("frosting", layer)


async def decorate():
    frost(0)
    [frost(layer) for layer in range(2)]
    print("forgot to await the frosting")
    await asyncio.sleep(0.02)
    print(["plate"][1])


asyncio.run(decorate())
