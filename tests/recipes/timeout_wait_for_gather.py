# Covers: asyncio.wait_for on a gather: at the timeout the gather is cancelled and TimeoutError raised
import asyncio

async def main():
    try:
        await asyncio.wait_for(asyncio.gather(asyncio.sleep(1)), 0.01)
    except TimeoutError:
        print("timeout")

asyncio.run(main())
