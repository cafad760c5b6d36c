# example.cores: waits
# example.match: ^heartbeats during time\.sleep\(0\.2\): 0 \(longest gap between ticks: \d+ ms\)$
# example.match: ^heartbeats during await asyncio\.sleep\(0\.2\): [1-9]\d* \(longest gap between ticks: \d+ ms\)$
# example.match: ^heartbeats during await asyncio\.to_thread\(time\.sleep, 0\.2\): [1-9]\d* \(longest gap .*: \d+ ms\)$
# A heartbeat task ticks every 10 ms while the main coroutine waits 0.2 s in
# three ways. time.sleep blocks the only thread the event loop has, so nothing
# else runs; awaiting asyncio.sleep, or handing the blocking call to a worker
# thread with asyncio.to_thread, leaves the loop free to keep ticking.
import asyncio
import itertools
import time

ticks: list[float] = []  # when each tick ran (monotonic seconds)


async def heartbeat() -> None:
    while True:
        ticks.append(time.monotonic())
        await asyncio.sleep(0.01)


async def blocking() -> None:
    time.sleep(0.2)  # a blocking call in a coroutine: the whole loop stops


async def cooperative() -> None:
    await asyncio.sleep(0.2)


async def offloaded() -> None:
    await asyncio.to_thread(time.sleep, 0.2)


async def main() -> None:
    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.02)  # let it start
    for label, wait in (
        ("time.sleep(0.2)", blocking),
        ("await asyncio.sleep(0.2)", cooperative),
        ("await asyncio.to_thread(time.sleep, 0.2)", offloaded),
    ):
        start, before = time.monotonic(), len(ticks)
        await wait()
        end = time.monotonic()
        inside = ticks[before:]
        # the gaps between the window's edges and the ticks inside it: how long the loop went without a tick
        edges = [start, *inside, end]
        gap = max(b - a for a, b in itertools.pairwise(edges))
        print(f"heartbeats during {label}: {len(inside)} (longest gap between ticks: {gap * 1000:.0f} ms)")
    beating.cancel()


asyncio.run(main())
