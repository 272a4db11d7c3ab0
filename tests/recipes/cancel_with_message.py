# Covers: task.cancel(msg) gives CancelledError('msg') through a sleep, a lock's wait and a gather; cancelling() counts the requests and uncancel() takes one back
import asyncio

async def sleeper():
    await asyncio.sleep(1)

async def locker(lock):
    async with lock:
        pass

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print(t.cancel("stop it"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print(repr(e), str(e), t.cancelled())
    lock = asyncio.Lock()
    await lock.acquire()
    u = asyncio.create_task(locker(lock))
    await asyncio.sleep(0)
    u.cancel(msg="no oven")
    try:
        await u
    except asyncio.CancelledError as e:
        print(repr(e))
    g = asyncio.gather(sleeper(), sleeper())
    await asyncio.sleep(0)
    g.cancel("all off")
    try:
        await g
    except asyncio.CancelledError as e:
        print(repr(e))
    v = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    v.cancel()
    v.cancel()
    print(v.cancelling(), v.uncancel(), v.cancelling())
    try:
        await v
    except asyncio.CancelledError as e:
        print(repr(e))

asyncio.run(main())
