# ruff: noqa
# fmt: off
# example.original-of: python/thread_pool_executor.py
# example.exit-code: 1
# example.match: NameError: name 'urls' is not defined
from concurrent.futures import ThreadPoolExecutor, as_completed

def io_task(url):
    # fetch from url
    return result

with ThreadPoolExecutor(max_workers=5) as executor:
    futures = {executor.submit(io_task, url): url for url in urls}
    for future in as_completed(futures):
        result = future.result()
