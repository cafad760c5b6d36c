# example.tasks: 2200
# example.cores: waits
# example.match: ^2000 threads alive at once: True$
# example.match: ^started in \d+ ms, all released and joined in \d+ ms$
# example.match: ^resident memory they added: \d+ KiB, about \d+ KiB per thread$
# The article says Python "struggles beyond 1000 OS threads". Two thousand
# threads that wait, as threads serving blocked I/O do, start and finish in a
# fraction of a second and cost little resident memory: the limit on threads
# is the operating system's and the memory's, not Python's. (The GIL limits
# what they can compute at once, not how many can wait.)
import threading
import time

N = 2000


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


gate = threading.Event()
before = rss_kib()
started = time.perf_counter()
threads = [threading.Thread(target=gate.wait) for _ in range(N)]
for thread in threads:
    thread.start()
start_ms = (time.perf_counter() - started) * 1000
alive = sum(thread.is_alive() for thread in threads)
added = rss_kib() - before
released = time.perf_counter()
gate.set()
for thread in threads:
    thread.join()
join_ms = (time.perf_counter() - released) * 1000

print(f"{N} threads alive at once: {alive == N}")
print(f"started in {start_ms:.0f} ms, all released and joined in {join_ms:.0f} ms")
print(f"resident memory they added: {added} KiB, about {added // N} KiB per thread")
