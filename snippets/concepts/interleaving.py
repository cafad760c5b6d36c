# example.expect: A step 1
# example.expect: B step 1
# example.expect: A step 2
# example.expect: B step 2
# example.expect: A step 3
# example.expect: B step 3
# example.expect: threads used: 1
# Two tasks take turns on ONE thread: concurrency without parallelism.
# Each `await` hands the thread back to the event loop, which resumes the
# other task.
import asyncio
import threading

threads_seen = set()


async def task(name: str) -> None:
    for step in range(1, 4):
        threads_seen.add(threading.get_ident())
        print(f"{name} step {step}")
        await asyncio.sleep(0)  # yield: let the other task run


async def main() -> None:
    await asyncio.gather(task("A"), task("B"))


asyncio.run(main())
print(f"threads used: {len(threads_seen)}")
