# example.match: ^6 downloads, at most 2 at a time$
# example.match: ^most inside at once: [12]$
# example.match: ^never more than 2 inside: True$
# A Semaphore holds a counter: acquire takes one unit (waiting while it is
# 0), release gives it back. Here it caps six threads at two "connections"
# at once.
import threading
import time

LIMIT, WORKERS = 2, 6

slots = threading.Semaphore(LIMIT)
inside = 0
most = 0
count_lock = threading.Lock()


def download(_: int) -> None:
    global inside, most
    with slots:  # waits here while LIMIT threads are inside
        with count_lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)  # the "download"
        with count_lock:
            inside -= 1


threads = [threading.Thread(target=download, args=(i,)) for i in range(WORKERS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(f"{WORKERS} downloads, at most {LIMIT} at a time")
print(f"most inside at once: {most}")
print(f"never more than {LIMIT} inside: {most <= LIMIT}")
