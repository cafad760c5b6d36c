# ruff: noqa: E501
# example.cores: waits
# example.expect: https://example.com/a -> fetched a
# example.expect: https://example.com/b -> fetched b
# example.expect: https://example.com/c -> fetched c
# example.expect: https://example.com/d -> fetched d
# example.expect: https://example.com/e -> fetched e
# example.expect: 5 downloads overlapped: True
# example.output: unordered
# example.erratum: The article's io_task returns an undefined `result` and the loop reads an undefined `urls`, so it fails with NameError; we define both, simulating the fetch with time.sleep instead of real network I/O.
# Five blocking "downloads" run on a pool of five threads; as_completed yields
# each future as soon as it finishes, so the lines arrive in any order.
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

DELAY = 0.2  # seconds of simulated network latency per URL


def io_task(url):
    # fetch from url (simulated: sleeping releases the GIL, like real I/O)
    time.sleep(DELAY)
    result = f"fetched {url.rsplit('/', 1)[-1]}"
    return result


urls = [f"https://example.com/{name}" for name in "abcde"]

start = time.perf_counter()
with ThreadPoolExecutor(max_workers=5) as executor:
    futures = {executor.submit(io_task, url): url for url in urls}
    for future in as_completed(futures):
        result = future.result()
        print(f"{futures[future]} -> {result}")
elapsed = time.perf_counter() - start

# One after another they would take 5 x DELAY; in the pool they overlap.
print(f"5 downloads overlapped: {elapsed < len(urls) * DELAY}")
