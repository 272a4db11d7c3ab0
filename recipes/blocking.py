# Summary: the blocking bake: plain functions and time.sleep, the oven to its end and only then the bowl.
import time

TARGET_TEMP = 400
MIX_COUNT = 3
STEP = 1


def preheat():
    temp = 100
    while temp < TARGET_TEMP:
        time.sleep(STEP)
        temp = temp + 100
        print(f"preheat:: temp is now {temp}")


def mix_ingredients():
    for i in range(MIX_COUNT):
        time.sleep(STEP)
        print(f"mix_ingredients:: mixing things {i}")


def main():
    preheat()
    mix_ingredients()


main()
