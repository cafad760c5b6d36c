# example.cores: waits
# example.match: ^heartbeats during time\.sleep\(0\.2\): 0$
# example.match: ^heartbeats during await asyncio\.sleep\(0\.2\): [1-9]\d*$
# example.match: ^heartbeats during await asyncio\.to_thread\(time\.sleep, 0\.2\): [1-9]\d*$
# A heartbeat task ticks every 10 ms while the main coroutine waits 0.2 s in
# three ways. time.sleep blocks the only thread the event loop has, so nothing
# else runs; awaiting asyncio.sleep, or handing the blocking call to a worker
# thread with asyncio.to_thread, leaves the loop free to keep ticking.
import asyncio
import time

ticks = 0


async def heartbeat() -> None:
    global ticks
    while True:
        ticks += 1
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
        before = ticks
        await wait()
        print(f"heartbeats during {label}: {ticks - before}")
    beating.cancel()


asyncio.run(main())
