# Covers: asyncio.timeout() made outside a running loop: RuntimeError: no running event loop
import asyncio

print("before")
deadline = asyncio.timeout(1)
