# Covers: task.cancel() and cancelled(): CancelledError at the parked await, finally, a task that swallows it, cancel before start, through an awaited task, gather's cancel, return_exceptions
import asyncio


async def bake(name, seconds):
    try:
        print(name, "in the oven")
        await asyncio.sleep(seconds)
        print(name, "done")
        return name
    except asyncio.CancelledError:
        print(name, "taken out early")
        raise
    finally:
        print(name, "oven off")


async def stubborn():
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        print("stubborn ignores the cancel")
    await asyncio.sleep(0.02)
    return "stubborn finished"


async def waiter(task):
    try:
        return await task
    except asyncio.CancelledError:
        print("waiter sees the cancel")
        raise


async def main():
    pie = asyncio.create_task(bake("pie", 0.1))
    await asyncio.sleep(0.02)
    print("cancel:", pie.cancel())
    try:
        await pie
    except asyncio.CancelledError:
        print("pie cancelled:", pie.cancelled(), pie.done())
    print("cancel again:", pie.cancel())

    late = asyncio.create_task(bake("late", 0.1))
    print("cancel before start:", late.cancel())
    try:
        await late
    except asyncio.CancelledError:
        print("late never started:", late.cancelled())

    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0.01)
    s.cancel()
    print(await s, s.cancelled())

    inner = asyncio.create_task(bake("inner", 0.1))
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0.02)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer", outer.cancelled(), "inner", inner.cancelled())

    g = asyncio.gather(bake("a", 0.1), bake("b", 0.2))
    await asyncio.sleep(0.02)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())

    t = asyncio.create_task(bake("last", 0.05))
    await asyncio.sleep(0.01)
    t.cancel()
    results = await asyncio.gather(t, bake("kept", 0.02), return_exceptions=True)
    print(results)
    try:
        raise asyncio.CancelledError()
    except Exception:
        print("never: CancelledError is no Exception")
    except BaseException as e:
        print("BaseException takes it:", repr(e))


asyncio.run(main())
