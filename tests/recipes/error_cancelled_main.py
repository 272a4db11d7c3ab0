# Covers: asyncio.run's task ends cancelled: CancelledError is the run's error
import asyncio

holder = []


async def main():
    holder[0].cancel()
    print("main cancelled itself")
    await asyncio.sleep(0.01)
    print("never")


async def outer():
    holder.append(asyncio.create_task(main()))
    await holder[0]


asyncio.run(outer())
