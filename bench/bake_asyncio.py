#!/usr/bin/env python3
"""Bakeloop's async bake written as a plain Python asyncio script.

This is the reference the C++ engine is measured against, and a teaching
example in its own right: the two jobs of shared/ANALOGY.md as ``async def``
coroutines, every cake's pair of tasks gathered on the one event loop.

    python3 bench/bake_asyncio.py             # one cake, the default bake
    python3 bench/bake_asyncio.py --cakes 3   # lines get "cake K: " prefixes
    python3 bench/bake_asyncio.py --cakes 100000 --quiet

Without --quiet it prints the same lines as ``bakeloop --headless``.
"""

import argparse
import asyncio


async def preheat(target, step, report=print):
    """Heat the oven from 100 °F, 100 °F a step, until it reaches target.

    step is the length of one wait in seconds; report takes each line.
    """
    temp = 100
    while temp < target:
        await asyncio.sleep(step)  # hand the loop back for one step
        temp = temp + 100
        report(f"preheat:: temp is now {temp}")


async def mix_ingredients(count, step, report=print):
    """Mix count times, waiting one step (in seconds) before each."""
    for i in range(count):
        await asyncio.sleep(step)  # hand the loop back for one step
        report(f"mix_ingredients:: mixing things {i}")


def reporter(cake, cakes, quiet):
    """Return the function that prints one line of cake number ``cake``."""
    if quiet:
        return lambda line: None
    prefix = f"cake {cake}: " if cakes > 1 else ""
    # Flush each line, so that it shows when it happens, even through a pipe.
    return lambda line: print(prefix + line, flush=True)


async def bake(cakes, target, count, step, quiet=False):
    """Bake every cake at once: two tasks a cake, all on this one loop."""
    jobs = []
    for cake in range(1, cakes + 1):
        report = reporter(cake, cakes, quiet)
        jobs.append(preheat(target, step, report))
        jobs.append(mix_ingredients(count, step, report))
    # gather() makes each coroutine a task, in this order, and they start in
    # that order: where two wake at once, the first to have yielded goes first.
    await asyncio.gather(*jobs)


def whole_number(low, high):
    """Return an argparse type that takes a whole number from low to high."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"takes a whole number from {low} to {high}, not '{text}'")
        return value
    return parse


def main():
    """Parse the flags as bakeloop does and run the bake."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cakes", type=whole_number(1, 1_000_000),
                        default=1, metavar="N",
                        help="cakes baked at once (default 1)")
    parser.add_argument("--target-temp", type=whole_number(0, 1000),
                        default=400, metavar="N",
                        help="oven target in °F (default 400)")
    parser.add_argument("--mix-count", type=whole_number(0, 100),
                        default=3, metavar="N",
                        help="mixing steps (default 3)")
    parser.add_argument("--step-ms", type=whole_number(1, 10_000),
                        default=1000, metavar="N",
                        help="length of one step in ms (default 1000)")
    parser.add_argument("--quiet", action="store_true",
                        help="print no lines")
    args = parser.parse_args()
    asyncio.run(bake(args.cakes, args.target_temp, args.mix_count,
                     args.step_ms / 1000, args.quiet))


if __name__ == "__main__":
    main()
