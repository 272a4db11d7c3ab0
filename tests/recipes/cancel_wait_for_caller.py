# Covers: cancelling a task inside asyncio.wait_for cancels the task it waits for too; both finally blocks run, inner first
import asyncio

STEP = 0.02


async def heat():
    try:
        await asyncio.sleep(10 * STEP)
    finally:
        print("inner heater off")


async def watch():
    try:
        return await asyncio.wait_for(heat(), 1)
    finally:
        print("watcher leaves")


async def main():
    watcher = asyncio.create_task(watch())
    await asyncio.sleep(STEP)
    watcher.cancel()
    try:
        await watcher
    except asyncio.CancelledError:
        print("watcher cancelled:", watcher.cancelled())


asyncio.run(main())
