# Fan out four asyncio tasks, fan their results back in with asyncio.gather.
import asyncio
import time

DELAYS = [0.05 * (4 - n) for n in range(4)]  # later tasks finish first


async def square(n: int) -> int:
    await asyncio.sleep(DELAYS[n])  # simulated I/O
    return n * n


async def main() -> None:
    start = time.perf_counter()
    # gather returns the results in argument order, whatever order they finish in
    results = await asyncio.gather(*(square(n) for n in range(4)))
    elapsed = time.perf_counter() - start
    for n, result in enumerate(results):
        print(f"square({n}) = {result}")
    print(f"total = {sum(results)}")
    # run one after the other, the waits would add up
    print(f"overlapped: {str(elapsed < sum(DELAYS)).lower()}")


asyncio.run(main())
