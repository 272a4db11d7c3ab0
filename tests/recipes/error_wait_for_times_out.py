# Covers: a TimeoutError from asyncio.wait_for that nobody catches ends the program, after the cancelled task's finally
import asyncio


async def never_hot():
    try:
        await asyncio.sleep(1)
    finally:
        print("oven switched off")


async def main():
    print("waiting for the oven")
    await asyncio.wait_for(never_hot(), 0.03)


asyncio.run(main())
