# Covers: a task that cancels itself and returns before any await ends cancelled, with the message
import asyncio

ME = []

async def work():
    ME[0].cancel("late")
    return 1

async def main():
    t = asyncio.create_task(work())
    ME.append(t)
    try:
        print(await t)
    except asyncio.CancelledError as e:
        print("cancelled", repr(e))

asyncio.run(main())
