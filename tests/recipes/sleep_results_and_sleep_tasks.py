# Covers: asyncio.sleep's result argument, and sleeps handed to gather and create_task as tasks of their own.
import asyncio


async def main():
    late = await asyncio.sleep(0.01, "late")
    print("awaited:", late)
    print("gathered:", await asyncio.gather(asyncio.sleep(0.02), asyncio.sleep(0.01, "b")))
    nap = asyncio.create_task(asyncio.sleep(0.01, ["nap", 1]))
    print("done before:", nap.done())
    print("task gave:", await nap)
    print("result:", nap.result())


asyncio.run(main())
