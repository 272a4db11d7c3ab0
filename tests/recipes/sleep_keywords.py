# Covers: asyncio.sleep's delay and result given by keyword, as CPython binds them (the twins' time.sleep gives None).
import asyncio

STEP = 0.02


async def main():
    print(await asyncio.sleep(STEP, "positional"))
    print(await asyncio.sleep(STEP, result="by keyword"))
    print(await asyncio.sleep(result=[1, 2], delay=STEP))
    print(await asyncio.sleep(delay=0))


asyncio.run(main())
