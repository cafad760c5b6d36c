# Runs many examples at once (a pool sized to the cores), through the cache, reporting progress.
from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from hooks.cache import ResultCache, cache_key
from hooks.example import Example
from hooks.process import kill_all_running
from hooks.result import FAILED, NOT_EXECUTED, Result
from hooks.runner import Detected, run_example
from hooks.settings import Settings
from hooks.toolchains import close_all

SLOW_NOTICE_SECONDS = 10.0  # say which examples are still running after this long

Log = Callable[[str], None]
Runner = Callable[[Example, Detected, float], Result]  # run_example, or a stub in unit tests


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
    to_run: list[tuple[Example, str | None]] = []
    for name, example in unique.items():
        info = detected.get(example.language)
        if not settings.execute:
            results[name] = _not_executed(example, info.version if info else None)
            continue
        timeout = example.options.timeout or settings.timeout
        key = cache_key(example, info.version, timeout) if info and cache else None
        hit = cache.get(key, name) if cache and key and use_cache else None
        if hit is not None:
            results[name] = hit
        else:
            to_run.append((example, key))
    if to_run:
        log(f"executing {len(to_run)} example(s), {len(results)} from cache, {settings.workers} at a time")
        results.update(_run_pool(to_run, settings, detected, cache, log, runner))
    return {name: results[name] for name in unique}


def _run_pool(
    to_run: list[tuple[Example, str | None]],
    settings: Settings,
    detected: Detected,
    cache: ResultCache | None,
    log: Log,
    runner: Runner,
) -> dict[str, Result]:
    progress = Progress(total=len(to_run), log=log)
    stop = threading.Event()
    watcher = threading.Thread(target=progress.watch, args=(stop,), daemon=True)
    watcher.start()

    def one(example: Example, key: str | None) -> Result:
        progress.started(example.display_path)
        try:
            result = runner(example, detected, settings.timeout)
        except Exception as exc:  # an engine bug must not hide the other examples' results
            result = _internal_error(example, exc)
        if cache is not None and key is not None:
            cache.put(key, result)
        progress.finished(result)
        return result

    results: dict[str, Result] = {}
    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="example")
    try:
        with _terminate_as_interrupt():
            futures = [pool.submit(one, example, key) for example, key in to_run]
            for future in as_completed(futures):
                result = future.result()
                results[result.path] = result
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
