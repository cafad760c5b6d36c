# example.expect: wait(timeout=0.05) before set: False
# example.expect: worker 1 went after the event was set: True
# example.expect: worker 2 went after the event was set: True
# example.expect: worker 3 went after the event was set: True
# An Event is a flag threads can wait on: wait() blocks until another thread
# calls set(), then every waiter goes at once. wait(timeout) returns the flag.
import threading

ready = threading.Event()
went_after_set: dict[int, bool] = {}
set_done = False


def worker(number: int) -> None:
    ready.wait()  # blocks until main calls ready.set()
    went_after_set[number] = set_done


print(f"wait(timeout=0.05) before set: {ready.wait(timeout=0.05)}")
workers = [threading.Thread(target=worker, args=(n,)) for n in (1, 2, 3)]
for thread in workers:
    thread.start()

# Recorded before the flag is raised: a worker that ran early would see False.
set_done = True
ready.set()
for thread in workers:
    thread.join()

for number in sorted(went_after_set):
    print(f"worker {number} went after the event was set: {went_after_set[number]}")
