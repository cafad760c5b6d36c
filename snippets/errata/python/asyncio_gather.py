# ruff: noqa
# fmt: off
# example.original-of: python/asyncio_gather.py
# example.cores: waits
# example.silent: true
import asyncio

async def fetch_data(url):
    # Simulate async I/O operation
    await asyncio.sleep(1)
    return f"Data from {url}"

async def main():
    results = await asyncio.gather(
        fetch_data("url1"),
        fetch_data("url2"),
        fetch_data("url3")
    )
    return results

asyncio.run(main())
