# example.cores: all
# example.match: ^both processes pinned to CPU \d+$
# example.match: ^worker [12]: \d+ ms of CPU in \d+ ms of wall time, preempted \d+ times$
# example.match: ^both were preempted while they shared the core: (True|False)$
# example.match: ^each took at least 1\.5x its CPU time on the wall clock: (True|False)$
# example.match: ^the two had the core to themselves: (True|False, .+)$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# It asks for the whole machine (`example.cores: all`): anything running beside it,
# the build's own work included, would stretch one side of the comparison.
# Two CPU-bound processes pinned to the same core: the OS scheduler
# time-slices them, preempting each in turn (involuntary context switches).
# Each needs the same CPU time, but takes longer on the wall clock because
# it waits for the other: sharing the core evenly, about twice as long.
# A third program on that core would stretch them too, so the program checks
# that the two got the core to themselves: their CPU time together against
# the wall time from the first start to the last finish. When they did not,
# its last line says the lesson could not be shown here.
import multiprocessing as mp
import os
import resource
import time

CPU_SECONDS = 0.05  # CPU time each worker burns


def worker(cpu: int, start_together, queue) -> None:
    os.sched_setaffinity(0, {cpu})  # this process may only run on `cpu`
    start_together.wait()  # both pinned before either starts computing
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    while time.process_time() - start_cpu < CPU_SECONDS:
        pass
    end = time.perf_counter()  # a clock all processes share
    cpu_used = time.process_time() - start_cpu
    preempted = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw
    queue.put((os.getpid(), cpu_used, end - start_wall, preempted, start_wall, end))


if __name__ == "__main__":
    cpu = min(os.sched_getaffinity(0))
    queue, start_together = mp.Queue(), mp.Barrier(2)
    workers = [mp.Process(target=worker, args=(cpu, start_together, queue)) for _ in range(2)]
    for process in workers:
        process.start()
    results = sorted(queue.get() for _ in workers)
    for process in workers:
        process.join()
    print(f"both processes pinned to CPU {cpu}")
    for number, (_, cpu_used, wall, preempted, *_) in enumerate(results, start=1):
        cpu_ms, wall_ms = cpu_used * 1000, wall * 1000
        print(
            f"worker {number}: {cpu_ms:.0f} ms of CPU in {wall_ms:.0f} ms of wall time,",
            f"preempted {preempted} times",
        )
    both = all(r[3] > 0 for r in results)
    print(f"both were preempted while they shared the core: {both}")
    stretched = all(wall >= 1.5 * cpu_used for _, cpu_used, wall, *_ in results)
    print(f"each took at least 1.5x its CPU time on the wall clock: {stretched}")
    # The share of the core the pair got: 1 when nothing else ran on it, 2 if they were not sharing one.
    span = max(r[5] for r in results) - min(r[4] for r in results)
    share = sum(r[1] for r in results) / span
    alone = True if share >= 0.75 else f"False, other programs took {1 - share:.0%} of it"
    print(f"the two had the core to themselves: {alone}")
    if alone is not True:
        print(f"lesson: inconclusive: other programs took {1 - share:.0%} of the core, which stretches any program")
    elif both and stretched:
        print("lesson: holds")
    else:
        walls = " and ".join(f"{r[2] / r[1]:.1f}x" for r in results)
        print(f"lesson: contradicted: with the core to themselves they took {walls} their CPU time")
