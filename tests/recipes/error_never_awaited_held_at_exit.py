# Covers: a coroutine never awaited, held by the frame that fails: CPython warns of it at exit ("sys:1"), after the traceback, so stderr's last line is the warning.
import asyncio


async def frost(layer):
    print("frosting", layer)


async def decorate():
    topping = frost(1)
    print("forgot to await the frosting")
    await asyncio.sleep(0.02)
    print("sprinkles" + 2)


asyncio.run(decorate())
