# Covers: tasks that finish while main yields with sleep(0): done() after one turn and after two.
import asyncio


async def instant():
    print("instant runs")
    return "instant"


async def one_turn():
    print("one_turn starts")
    await asyncio.sleep(0)
    print("one_turn ends")
    return "one_turn"


async def main():
    a = asyncio.create_task(instant())
    b = asyncio.create_task(one_turn())
    print("before", a.done(), b.done())
    await asyncio.sleep(0)
    print("after one", a.done(), b.done())
    await asyncio.sleep(0)
    print("after two", a.done(), b.done())
    print(a.result(), b.result())


asyncio.run(main())
