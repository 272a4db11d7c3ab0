# Covers: a queue that holds itself: printing it runs out of recursion as in CPython, and caught, the program goes on; maxsize given as a bool shows as given
import asyncio
async def main():
    q = asyncio.Queue()
    q.put_nowait(q)
    try:
        print(q)
    except RecursionError:
        print("caught")
    print(asyncio.Queue(True), asyncio.Queue(maxsize=False))
asyncio.run(main())
