# Covers: a bare raise in an except* clause puts the part it took back where it stood in the group, with the part no clause took; raising that part anew, or anything else, puts it before them, in a group without a message
import asyncio


def burnt():
    return ExceptionGroup("order", [ValueError("flat"), TypeError("raw"), ExceptionGroup("tier", [ValueError("dry"), KeyError("cream")])])


async def reraise_one_part():
    try:
        try:
            raise burnt()
        except* ValueError:
            print("the values go back")
            raise
    except* Exception as eg:
        print(repr(eg))


async def reraise_and_raise_new():
    try:
        try:
            raise burnt()
        except* ValueError:
            raise
        except* KeyError:
            raise RuntimeError("no cream")
    except* Exception as eg:
        print(repr(eg))


async def raise_the_part_anew():
    try:
        try:
            raise burnt()
        except* TypeError as part:
            raise part
    except* Exception as eg:
        print(repr(eg))


async def every_clause_reraises():
    try:
        try:
            raise burnt()
        except* ValueError:
            raise
        except* (TypeError, KeyError):
            raise
    except* Exception as eg:
        print(repr(eg))


async def a_lone_exception():
    try:
        try:
            raise ValueError("alone")
        except* ValueError:
            raise
    except* ValueError as eg:
        print(repr(eg))


async def no_clause_takes_any():
    try:
        try:
            raise burnt()
        except* ZeroDivisionError:
            print("never")
    except* Exception as eg:
        print(repr(eg))


async def main():
    await no_clause_takes_any()
    await reraise_one_part()
    await reraise_and_raise_new()
    await raise_the_part_anew()
    await every_clause_reraises()
    await a_lone_exception()


asyncio.run(main())
