# example.expect: wait_for(fetch, timeout=0.05): TimeoutError
# example.expect:   fetch was cancelled and cleaned up: True
# example.expect: async with asyncio.timeout(0.05): TimeoutError
# example.expect:   fetch was cancelled and cleaned up: True
# A coroutine that would take 10 s, stopped after 0.05 s in the two standard
# ways. On timeout asyncio cancels the task: CancelledError is raised at its
# current await, so its finally blocks run before the caller sees
# TimeoutError.
import asyncio

cleaned_up = False


async def fetch() -> str:
    global cleaned_up
    try:
        await asyncio.sleep(10)  # a slow server
        return "data"
    finally:
        cleaned_up = True  # close the connection, release the slot, ...


async def main() -> None:
    global cleaned_up
    cleaned_up = False
    try:
        await asyncio.wait_for(fetch(), timeout=0.05)
    except TimeoutError:
        print("wait_for(fetch, timeout=0.05): TimeoutError")
    print(f"  fetch was cancelled and cleaned up: {cleaned_up}")

    cleaned_up = False
    try:
        async with asyncio.timeout(0.05):  # Python 3.11+
            await fetch()
    except TimeoutError:
        print("async with asyncio.timeout(0.05): TimeoutError")
    print(f"  fetch was cancelled and cleaned up: {cleaned_up}")


asyncio.run(main())
