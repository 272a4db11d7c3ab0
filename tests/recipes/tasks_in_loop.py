# Covers: tasks created in a loop and kept in a list, awaited one by one in creation order while they finish in another order.
import asyncio

STEP = 0.015


async def cake(number, steps):
    await asyncio.sleep(steps * STEP)
    print(f"cake {number} out of the oven")
    return number * 10


async def main():
    tasks = []
    for n in range(4):
        tasks.append(asyncio.create_task(cake(n, [2, 4, 1, 3][n])))
    print(f"{len(tasks)} cakes in the oven")
    for t in tasks:
        value = await t
        print(f"got {value}, all done: {[x.done() for x in tasks]}")


asyncio.run(main())
