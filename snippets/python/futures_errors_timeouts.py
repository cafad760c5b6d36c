# example.expect: 1/1 = 1.0
# example.expect: 1/0 raised in the worker, re-raised by result(): ZeroDivisionError: division by zero
# example.expect: result(timeout=0.05) on a slow task: TimeoutError
# example.expect: queued task cancelled before it started: True
# A Future holds what the call returned, or the exception it raised: result()
# hands back the one or re-raises the other in the caller's thread. result()
# can time out, and a task still waiting in the queue can be cancelled.
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout

release = threading.Event()

with ThreadPoolExecutor(max_workers=1) as executor:
    print(f"1/1 = {executor.submit(lambda: 1 / 1).result()}")
    failing = executor.submit(lambda: 1 / 0)
    try:
        failing.result()
    except ZeroDivisionError as error:
        name = type(error).__name__
        print(f"1/0 raised in the worker, re-raised by result(): {name}: {error}")

    slow = executor.submit(release.wait)  # holds the only worker till released
    queued = executor.submit(time.sleep, 0)  # waits in the queue behind it
    try:
        slow.result(timeout=0.05)
    except FuturesTimeout:
        print("result(timeout=0.05) on a slow task: TimeoutError")
    print(f"queued task cancelled before it started: {queued.cancel()}")
    release.set()
