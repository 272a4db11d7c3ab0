# Covers: a second cancel(msg) of a task whose sleep the first already cancelled: the first message arrives
import asyncio

async def job():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print(repr(e))

async def main():
    t = asyncio.create_task(job())
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    await t

asyncio.run(main())
