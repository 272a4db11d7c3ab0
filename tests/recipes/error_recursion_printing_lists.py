# Covers: a recursion in a task that prints a list at every level: the items' reprs take one more level, and CPython says so.
import asyncio


async def deeper(trail):
    print([len(trail), "deep"])
    await deeper(trail + "x")


asyncio.run(deeper(""))
