# example.cores: 1
# example.match: ^start method for processes: \w+$
# example.match: ^20 threads:   started and joined in [\d.]+ ms \(best of 5\)$
# example.match: ^20 processes: started and joined in [\d.]+ ms \(best of 5\)$
# example.match: ^a process costs more to start than a thread: True$
# Start and join 20 threads that do nothing, then 20 processes that do
# nothing. A thread is a new stack and a register set inside this process; a
# process is a new address space, a new interpreter state and (with spawn) a
# fresh interpreter.
import multiprocessing as mp
import threading
import time

COUNT = 20
ROUNDS = 5  # the best of several rounds: a busy machine only ever adds time


def nothing() -> None:
    pass


def start_and_join(make) -> float:
    start = time.perf_counter()
    workers = [make(target=nothing) for _ in range(COUNT)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"start method for processes: {mp.get_start_method()}")
    threads = min(start_and_join(threading.Thread) for _ in range(ROUNDS))
    processes = min(start_and_join(mp.Process) for _ in range(ROUNDS))
    print(f"{COUNT} threads:   started and joined in {threads * 1000:.1f} ms (best of {ROUNDS})")
    print(f"{COUNT} processes: started and joined in {processes * 1000:.1f} ms (best of {ROUNDS})")
    print(f"a process costs more to start than a thread: {processes > threads}")
