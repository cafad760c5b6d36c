# Fan out four asyncio tasks, fan their results back in with asyncio.gather.
import asyncio
import time

import timeline  # records the timeline drawn below the output

DELAYS = [0.1 * (4 - n) for n in range(4)]  # later tasks finish first
began, ended = [0.0] * 4, [0.0] * 4  # when each task's wait began and ended


async def square(n: int) -> int:
    timeline.recv(f"task {n}", f"start {n}")
    with timeline.busy(f"task {n}", f"wait {DELAYS[n] * 1000:.0f} ms"):
        began[n] = time.perf_counter()
        await asyncio.sleep(DELAYS[n])  # simulated I/O
        ended[n] = time.perf_counter()
    timeline.send(f"task {n}", f"result {n}")
    return n * n


async def main() -> None:
    squares = []
    for n in range(4):
        timeline.send("main", f"start {n}")
        squares.append(square(n))
    # gather returns the results in argument order, whatever order they finish in
    results = await asyncio.gather(*squares)
    for n, result in enumerate(results):
        timeline.recv("main", f"result {n}")
        print(f"square({n}) = {result}")
    print(f"total = {sum(results)}")
    # all four were waiting at one moment: every wait began before the first one ended
    print(f"overlapped: {str(max(began) < min(ended)).lower()}")


asyncio.run(main())
