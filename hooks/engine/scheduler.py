# Runs many examples at once, each with the share of the cores it declares, through the cache, reporting progress.
from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from hooks.common.settings import Settings
from hooks.engine.cache import ResultCache, cache_key
from hooks.engine.cores import UNITS_PER_CORE, Slots, units
from hooks.engine.example import Example
from hooks.engine.options import WAITS
from hooks.engine.result import FAILED, INCONCLUSIVE, NOT_EXECUTED, Result
from hooks.engine.run_example import run_example
from hooks.engine.spec import RunSpec, run_spec
from hooks.process.run import kill_all_running
from hooks.toolchains import Detected, close_all

SLOW_NOTICE_SECONDS = 10.0  # say which examples are still running after this long

Log = Callable[[str], None]
Runner = Callable[[Example, Detected, RunSpec], Result]  # run_example, or a stub in unit tests
Job = tuple[Example, RunSpec, str | None]  # an example, its run's spec and its cache key (None: not cached)


@dataclass
class Progress:
    """Counts finished examples and names the slow ones while they run."""

    total: int
    log: Log
    done: int = 0
    running: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self, name: str) -> None:
        with self.lock:
            self.running[name] = time.monotonic()

    def finished(self, result: Result) -> None:
        with self.lock:
            self.running.pop(result.path, None)
            self.done += 1
            done = self.done
        self.log(f"[{done}/{self.total}] {result.status.upper():7} {result.path} ({result.seconds:.2f} s)")

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(SLOW_NOTICE_SECONDS):
            now = time.monotonic()
            with self.lock:
                slow = sorted((now - t, name) for name, t in self.running.items() if now - t > SLOW_NOTICE_SECONDS)
            for seconds, name in reversed(slow):
                self.log(f"still running: {name} ({seconds:.0f} s)")


def execute_all(
    examples: Iterable[Example],
    settings: Settings,
    log: Log,
    detected: Detected | None = None,
    use_cache: bool | None = None,
    runner: Runner = run_example,
) -> dict[str, Result]:
    """Every example's result by display path; executed ones in parallel, cached ones looked up."""
    detected = detected or Detected()
    use_cache = settings.use_cache if use_cache is None else use_cache
    cache = ResultCache(settings.cache_dir) if settings.cache_dir is not None else None
    unique = {example.display_path: example for example in examples}
    results: dict[str, Result] = {}
    to_run: list[Job] = []
    for name, example in unique.items():
        info = detected.get(example.language)
        if not settings.execute:
            results[name] = _not_executed(example, info.version if info else None)
            continue
        spec = run_spec(example, settings.timeout)  # the one place a run's spec is decided
        key = cache_key(example, info.version, spec) if info and cache else None
        hit = cache.get(key, name) if cache and key and use_cache else None
        if hit is not None:
            results[name] = hit
        else:
            to_run.append((example, spec, key))
    if to_run:
        log(f"executing {len(to_run)} example(s), {len(results)} from cache, on {settings.workers} core(s)")
        ran = _run_pool(to_run, settings, detected, cache, log, runner)
        results.update((result.path, result) for result in ran)
    if undecided := sorted(name for name, result in results.items() if result.status == INCONCLUSIVE):
        log(inconclusive_summary(undecided))
    return {name: results[name] for name in unique}


def inconclusive_summary(paths: list[str]) -> str:
    """The build log's one line about lessons this machine could not decide (never a failure; not cached)."""
    return (
        f"inconclusive on this machine: {len(paths)} example(s) whose timing lesson could not be decided here "
        f"(their pages say why; judged again next build): {', '.join(paths)}"
    )


def execute_repeated(
    examples: Iterable[Example],
    settings: Settings,
    log: Log,
    times: int,
    detected: Detected | None = None,
    runner: Runner = run_example,
) -> dict[str, list[Result]]:
    """Each example `times` times, side by side as a cold build runs them (same scheduler, no cache)."""
    detected = detected or Detected()
    unique = {example.display_path: example for example in examples}
    specs = {name: run_spec(example, settings.timeout) for name, example in unique.items()}
    jobs: list[Job] = [(example, specs[name], None) for name, example in unique.items() for _ in range(times)]
    log(f"executing {len(unique)} example(s) {times} time(s) each, on {settings.workers} core(s)")
    runs: dict[str, list[Result]] = {name: [] for name in unique}
    for result in _run_pool(jobs, settings, detected, None, log, runner):
        runs[result.path].append(result)
    return runs


def whole_machine(example: Example, capacity: int) -> bool:
    """Whether the example asked for every core (`example.cores: all`, or as many as the machine has)."""
    options = example.options
    return options.cores not in (None, WAITS) and units(options, capacity) == capacity


def schedule(jobs: list[Job], capacity: int) -> list[Job]:
    """The order examples start in: those that need the whole machine first (it is idle then), then the
    ones known to last (an original that hangs runs its whole timeout), then those that mostly wait, so
    their waiting overlaps everybody else's work; the rest in the order given."""

    def rank(job: Job) -> tuple[int, float]:
        options = job[0].options
        if whole_machine(job[0], capacity):
            return (0, 0.0)
        if options.hangs:
            return (1, -(options.timeout or 0.0))
        return (2, 0.0) if options.cores == WAITS else (3, 0.0)

    return sorted(jobs, key=rank)


def _run_pool(
    to_run: list[Job],
    settings: Settings,
    detected: Detected,
    cache: ResultCache | None,
    log: Log,
    runner: Runner,
) -> list[Result]:
    """Run every job, starting each when its share of the cores is free; results in finishing order."""
    progress = Progress(total=len(to_run), log=log)
    stop = threading.Event()
    watcher = threading.Thread(target=progress.watch, args=(stop,), daemon=True)
    watcher.start()
    capacity = max(1, settings.workers) * UNITS_PER_CORE
    slots = Slots(capacity)

    def one(example: Example, spec: RunSpec, key: str | None, share: int) -> Result:
        progress.started(example.display_path)
        if share == capacity:  # it holds every slot, so no example runs beside it; nor may an idle compiler
            close_all()  # server left by earlier compiles (it starts again on the next compile)
        try:
            result = runner(example, detected, spec)
        except Exception as exc:  # an engine bug must not hide the other examples' results
            result = _internal_error(example, exc)
        finally:
            slots.give(share)
        if cache is not None and key is not None:
            cache.put(key, result)
        progress.finished(result)
        return result

    results: list[Result] = []
    pool = ThreadPoolExecutor(max_workers=capacity, thread_name_prefix="example")
    try:
        with _terminate_as_interrupt():
            futures = []
            for example, spec, key in schedule(to_run, capacity):
                share = units(example.options, capacity)
                slots.take(share)
                futures.append(pool.submit(one, example, spec, key, share))
            results.extend(future.result() for future in as_completed(futures))
    except BaseException:  # Ctrl-C or SIGTERM: leave nothing running behind
        pool.shutdown(wait=False, cancel_futures=True)
        kill_all_running()
        raise
    finally:
        pool.shutdown(wait=True)
        stop.set()
        close_all()
    return results


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While examples run, SIGTERM interrupts like Ctrl-C does, so the cleanup above runs too."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _not_executed(example: Example, version: str | None) -> Result:
    reason = "not executed: CONCURRENCY_EXECUTE=0"
    return Result.not_run(example.display_path, example.language, NOT_EXECUTED, reason, toolchain=version)


def _internal_error(example: Example, exc: Exception) -> Result:
    reason = f"internal error while running the example: {type(exc).__name__}: {exc}"
    return Result.not_run(example.display_path, example.language, FAILED, reason)
