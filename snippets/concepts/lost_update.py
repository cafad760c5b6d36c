# example.expect: without a lock: counter = 3 (expected 6)
# example.expect: with a lock:    counter = 6 (expected 6)
# Two tasks each add 1 three times, on a single thread. Between reading the
# counter and writing it back each task awaits, and the other task runs in
# that gap: the interleaving, not parallelism, loses updates. A lock closes
# the gap.
import asyncio
import contextlib

counter = 0


async def add_one(times: int, lock: asyncio.Lock | None) -> None:
    global counter
    for _ in range(times):
        async with lock or contextlib.nullcontext():
            value = counter  # read
            await asyncio.sleep(0)  # the other task runs here
            counter = value + 1  # write back a stale value


async def run(lock: asyncio.Lock | None) -> int:
    global counter
    counter = 0
    await asyncio.gather(add_one(3, lock), add_one(3, lock))
    return counter


print(f"without a lock: counter = {asyncio.run(run(None))} (expected 6)")
print(f"with a lock:    counter = {asyncio.run(run(asyncio.Lock()))} (expected 6)")
