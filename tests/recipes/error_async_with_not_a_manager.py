# Covers: async with on something that is no asynchronous context manager: CPython's TypeError, unhandled
import asyncio


async def main():
    print("before")
    async with [1, 2]:
        print("never")


asyncio.run(main())
