# Covers: cancel through nested coroutines, a task cancelling itself, cancel of a done task, twice before start, gather of children that swallow it, a task of asyncio.sleep alone
import asyncio


async def step(name):
    try:
        await asyncio.sleep(0.1)
    finally:
        print("step finally", name)


async def nested(name):
    try:
        await step(name)
    finally:
        print("nested finally", name)
    print("never after cancel", name)


async def selfish(holder):
    holder[0].cancel()
    print("cancelled myself, still running")
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        print("selfish got it at the sleep")
        return "selfish returned"


async def quick():
    return 5


async def swallow(name):
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        print(name, "swallows")
    return name


async def main():
    t = asyncio.create_task(nested("n1"))
    await asyncio.sleep(0.01)
    t.cancel()
    await asyncio.sleep(0)
    print("after one turn:", t.done())
    await asyncio.sleep(0)
    print("after two turns:", t.done(), t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result raises", repr(e))

    holder = []
    s = asyncio.create_task(selfish(holder))
    holder.append(s)
    print(await s, s.cancelled())

    q = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print("quick done", q.done(), "cancel:", q.cancel(), q.cancelled(), q.result())

    r = asyncio.create_task(quick())
    print(r.cancel(), r.cancel())
    await asyncio.sleep(0)
    print("r", r.cancelled())

    g = asyncio.gather(swallow("x"), swallow("y"))
    await asyncio.sleep(0.01)
    print("gather cancel:", g.cancel())
    try:
        print(await g)
    except asyncio.CancelledError:
        print("gather raised CancelledError", g.done())

    forgotten = asyncio.create_task(step("forgotten"))
    await asyncio.sleep(0.01)
    forgotten.cancel()
    await asyncio.sleep(0.01)

    main_task = asyncio.create_task(asyncio.sleep(1))
    main_task.cancel()
    try:
        await main_task
    except asyncio.CancelledError:
        print("a sleep's task cancelled")
    print("end of main")


asyncio.run(main())
