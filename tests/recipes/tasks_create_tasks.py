# Covers: a task that creates a task: the child first runs when its parent yields, after tasks already ready; done() before and after.
import asyncio


async def leaf(name):
    print(name, "leaf starts")
    await asyncio.sleep(0)
    print(name, "leaf ends")
    return name.upper()


async def branch(name):
    print(name, "branch starts")
    child = asyncio.create_task(leaf(name + ".child"))
    print(name, "child done?", child.done())
    await asyncio.sleep(0)
    print(name, "after one turn, child done?", child.done())
    value = await child
    print(name, "got", value)
    return value


async def main():
    a = asyncio.create_task(branch("a"))
    b = asyncio.create_task(branch("b"))
    print("main created both")
    print(await a, await b)


asyncio.run(main())
