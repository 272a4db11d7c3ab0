# Covers: asyncio.timeout entered by a task that swallowed an earlier cancel still turns its own cancel into TimeoutError
import asyncio

async def work():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError")

async def main():
    t = asyncio.create_task(work())
    await asyncio.sleep(0)
    t.cancel()
    await t

asyncio.run(main())
