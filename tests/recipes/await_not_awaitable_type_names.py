# Covers: what CPython calls asyncio's functions (function), its resources (type) and a resource's methods (method) in a TypeError, beside a str's method (builtin_function_or_method)
import asyncio
async def main():
    for x in [asyncio.Lock().acquire, asyncio.sleep, asyncio.Lock, asyncio.gather, "a".upper]:
        try:
            await x
        except TypeError as e:
            print(e)
    try:
        asyncio.sleep[0]
    except TypeError as e:
        print(e)
asyncio.run(main())
