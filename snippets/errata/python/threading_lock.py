# ruff: noqa
# fmt: off
# example.original-of: python/threading_lock.py
# example.exit-code: 1
# example.match: NameError: name 'threading' is not defined
lock = threading.Lock()
with lock:  # Recommended approach
    # critical section
    pass
