# Covers: async with left by its end, return, break, continue and an exception (caught outside and inside); the lock is free after each; nested async with of two locks
import asyncio


async def returns(lock):
    async with lock:
        return "returned while locked: " + str(lock.locked())


async def loops(lock):
    seen = []
    for i in range(4):
        async with lock:
            if i == 1:
                continue
            if i == 3:
                break
            seen.append(i)
    return seen


async def raises(lock):
    async with lock:
        raise ValueError("burnt")


async def catches_inside(lock):
    async with lock:
        try:
            raise KeyError("sugar")
        except KeyError as error:
            return "caught inside: " + repr(error)


async def both(first, second):
    async with first, second:
        print("both held:", first.locked(), second.locked())
    print("both free:", first.locked(), second.locked())


async def main():
    lock = asyncio.Lock()
    print(await returns(lock), lock.locked())
    print(await loops(lock), lock.locked())
    try:
        await raises(lock)
    except ValueError as error:
        print("caught outside:", error, lock.locked())
    print(await catches_inside(lock), lock.locked())
    await both(lock, asyncio.Semaphore(1))
    async with lock as bound:
        print("as gives", bound)


asyncio.run(main())
