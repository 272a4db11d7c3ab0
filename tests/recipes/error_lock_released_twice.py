# Covers: releasing a lock that async with already released: RuntimeError('Lock is not acquired.'), unhandled
import asyncio


async def main():
    lock = asyncio.Lock()
    async with lock:
        print("inside")
        lock.release()
    print("never")


asyncio.run(main())
