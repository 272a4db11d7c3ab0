# Covers: f-string fields nested in a format spec, as in str.format: width, precision and fill from variables.
import asyncio

STEP = 0.02


async def width():
    await asyncio.sleep(STEP)
    return 9


async def main():
    w = 7
    temp = 212.456
    print(f"[{'oven':>{w}}] [{temp:{w}.{w - 5}f}] [{42:{'0'}{w}d}] [{'ab':{'*'}^{w + 1}}]")
    print(f"[{'cake':>{await width()}}] [{temp:{''}}] {'{:>{}}'.format('bowl', w)}")


asyncio.run(main())
