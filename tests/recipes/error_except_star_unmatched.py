# Covers: the part of a group no except* clause takes ends the program, after the clauses that took the rest
import asyncio


async def main():
    try:
        raise ExceptionGroup("order", [ValueError("sugar"), TypeError("flour")])
    except* ValueError as handled:
        print("handled:", repr(handled))


asyncio.run(main())
