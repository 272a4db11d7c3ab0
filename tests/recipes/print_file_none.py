# Covers: print(file=None) is standard output, with sep=None, end=None and flush= beside it, in tasks and in main.
import asyncio


async def bake(name):
    await asyncio.sleep(0.02)
    print(name, "baked", file=None)
    print(name, "cooled", sep=None, end=None, file=None, flush=True)


async def main():
    print("start", file=None, end="\n")
    await asyncio.gather(bake("cake"), bake("pie"))
    print("done", flush=False, file=None)


asyncio.run(main())
