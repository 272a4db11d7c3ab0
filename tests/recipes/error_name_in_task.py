# Covers: a NameError inside an awaited task after it printed: CPython's last line, exit 1.
import asyncio


async def job():
    await asyncio.sleep(0.01)
    print("job before")
    print(undefined_thing)


async def main():
    t = asyncio.create_task(job())
    print("main waits")
    await t


asyncio.run(main())
