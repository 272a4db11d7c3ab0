# Covers: a TaskGroup's block awaiting the child that fails gets the group's cancel, not the child's error
import asyncio

async def bad():
    await asyncio.sleep(0.01)
    raise ValueError("child")

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(bad())
            try:
                await t
            except ValueError as e:
                print("body saw", repr(e))
            print("body goes on")
            await asyncio.sleep(0)
            print("not reached?")
    except ExceptionGroup as eg:
        print(repr(eg))

asyncio.run(main())
