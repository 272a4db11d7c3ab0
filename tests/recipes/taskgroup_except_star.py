# Covers: except* handling the ExceptionGroup of a TaskGroup: each clause takes its kind of failure, in the order the clauses are written
import asyncio

STEP = 0.02


async def fail(error, steps):
    await asyncio.sleep(steps * STEP)
    raise error


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError("too much sugar"), 1))
            tg.create_task(fail(KeyError("eggs"), 1))
    except* KeyError as missing:
        print("missing:", missing.exceptions)
    except* ValueError as wrong:
        print("wrong:", wrong.exceptions)
    print("the kitchen goes on")


asyncio.run(main())
