# example.expect: two threads each added 1: counter = 1
# A lost update, made certain. Both threads read the counter, then both
# write back what they read plus one. The barrier only forces the unlucky
# timing that the OS scheduler (or the GIL handing over) can produce at any
# moment.
import threading

counter = 0
both_have_read = threading.Barrier(2)


def increment() -> None:
    global counter
    value = counter  # read
    both_have_read.wait()  # the other thread reads the same value meanwhile
    counter = value + 1  # write: one of the two increments is lost


threads = [threading.Thread(target=increment) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(f"two threads each added 1: counter = {counter}")
