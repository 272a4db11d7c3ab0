# Covers: print checks sep before end whatever order the call names them in, after a line printed.
import asyncio


async def decorate():
    await asyncio.sleep(0.02)
    print("icing", end="!\n")
    print("sprinkles", end=3, sep=4)


async def main():
    await asyncio.gather(decorate())


asyncio.run(main())
