# Covers: a plain blocking program with no asyncio at all: module-level constants, defs, and an expression statement.
import time

STEP = 0.01
GREETING = "hello from the kitchen"


def step(n):
    time.sleep(STEP)
    return n * 2


def main():
    print(GREETING)
    doubled = [step(n) for n in range(3)]
    print(doubled)


main()
print("bye")
