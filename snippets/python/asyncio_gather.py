# ruff: noqa: E501
# example.cores: waits
# example.expect: ['Data from url1', 'Data from url2', 'Data from url3']
# example.expect: 3 fetches overlapped: True
# example.erratum: The article's version runs (for one second) and prints nothing: `main()` returns the results, and the value `asyncio.run` hands back is dropped. This one prints it, and checks that the three waits overlapped.
# Three coroutines wait on simulated I/O at the same time on one thread;
# asyncio.gather returns their results in the order they were passed.
import asyncio
import time

DELAY = 0.2  # seconds of simulated I/O per fetch


async def fetch_data(url):
    # Simulate async I/O operation
    await asyncio.sleep(DELAY)
    return f"Data from {url}"


async def main():
    results = await asyncio.gather(
        fetch_data("url1"),
        fetch_data("url2"),
        fetch_data("url3"),
    )
    return results


start = time.perf_counter()
results = asyncio.run(main())
elapsed = time.perf_counter() - start

print(results)
# Awaited one by one they would take 3 x DELAY; gathered, they overlap.
print(f"3 fetches overlapped: {elapsed < 3 * DELAY}")
