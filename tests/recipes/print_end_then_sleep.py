# Covers: print with end='' and a custom end across awaits: pieces of a line printed before a sleep join up.
import asyncio


async def dots(n):
    for i in range(n):
        print(".", end="")
        await asyncio.sleep(0.01)
    print(" done", flush=True)


async def main():
    print("baking", end=" ")
    await dots(3)
    print("a", "b", sep="", end="")
    print()
    print("", end="")
    print("last", end="\n\n")


asyncio.run(main())
