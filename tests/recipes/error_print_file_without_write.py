# Covers: print(file=X) where X has no write(): an AttributeError before anything of the line is written.
import asyncio


async def serve(plates):
    await asyncio.sleep(0.02)
    print("serving", len(plates), "plates")
    print("cake", file=plates)


async def main():
    await asyncio.gather(serve([1, 2]))


asyncio.run(main())
