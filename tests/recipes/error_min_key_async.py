# Covers: an async def as min()'s key gives coroutines, which do not compare: TypeError on '<'.
async def key(n):
    return n


print(min(1, 2, key=key))
