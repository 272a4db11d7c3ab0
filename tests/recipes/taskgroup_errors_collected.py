# Covers: TaskGroup: two tasks that fail in the same turn both land in the ExceptionGroup; an error raised in the block itself joins them; ExceptionGroup made by hand
import asyncio

STEP = 0.02


async def fail(what):
    await asyncio.sleep(STEP)
    raise KeyError(what)


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("eggs"))
            tg.create_task(fail("milk"))
    except ExceptionGroup as group:
        print(group, group.exceptions)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("flour"))
            raise ZeroDivisionError("no oven")
    except ExceptionGroup as group:
        print(group, group.exceptions)
    made = ExceptionGroup("by hand", [ValueError(1), TypeError("t")])
    print(made, repr(made), made.message)
    try:
        raise made
    except Exception as caught:
        print("an ExceptionGroup is an Exception:", caught.exceptions)
    try:
        ExceptionGroup("none", [])
    except ValueError as error:
        print(error)


asyncio.run(main())
