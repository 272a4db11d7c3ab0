# Covers: finally while unwinding recursion, raise in else, return in except, an error in finally replacing the first, continue in except, except OSError taking TimeoutError in tasks
import asyncio


def level(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return level(n - 1)
    finally:
        print("unwind", n)


def in_else():
    try:
        x = 1
    except ValueError:
        print("never")
    else:
        raise KeyError("from else")
    finally:
        print("finally after else")


def return_in_except():
    try:
        try:
            [][1]
        except IndexError as e:
            return "except returns: " + str(e)
        finally:
            print("inner finally")
    finally:
        print("outer finally")


def error_in_finally():
    try:
        try:
            raise ValueError("first")
        finally:
            raise RuntimeError("second")
    except Exception as e:
        return repr(e)


def loop_continue_in_except():
    seen = []
    i = 0
    while i < 5:
        i += 1
        try:
            if i % 2 == 0:
                raise ValueError(i)
            seen.append(i)
        except ValueError as e:
            seen.append(-i)
            continue
        finally:
            seen.append(0)
        seen.append(100)
    return seen


async def worker(n):
    try:
        await asyncio.sleep(0.01 * n)
        if n == 2:
            raise TimeoutError("slow oven")
        return n * 10
    except OSError as e:
        print("worker", n, "handles", repr(e))
        await asyncio.sleep(0.01)
        return -1
    finally:
        print("worker", n, "done")


async def main():
    print(await asyncio.gather(worker(1), worker(2), worker(3)))
    try:
        level(3)
    except ValueError as e:
        print("caught", e)
    try:
        in_else()
    except KeyError as e:
        print("caught", repr(e))
    print(return_in_except())
    print(error_in_finally())
    print(loop_continue_in_except())
    for x in [1, 0, 2]:
        try:
            print(10 / x)
        except ZeroDivisionError:
            print("skip")
            continue
        finally:
            print("each", x)


asyncio.run(main())
