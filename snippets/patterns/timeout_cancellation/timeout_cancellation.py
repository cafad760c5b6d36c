# A one-second task gets 0.2 s: asyncio.wait_for cancels it and waits until it has cleaned up.
import asyncio

import timeline  # records the timeline drawn below the output

STEPS = 20  # of 50 ms each
steps_done = 0


async def slow_operation() -> None:
    global steps_done
    print("slow operation: started")
    try:
        with timeline.busy("operation", "1 s of work"):
            for _ in range(STEPS):
                await asyncio.sleep(0.05)  # each await is a point where cancellation can land
                steps_done += 1
                timeline.mark("operation", f"step {steps_done}")
        print("slow operation: done")  # never printed: cancelled first
    except asyncio.CancelledError:
        print("slow operation: cancelled, cleaning up")
        raise  # let the cancellation finish


async def main() -> None:
    task = asyncio.create_task(slow_operation())
    try:
        with timeline.busy("main", "waits 200 ms"):
            await asyncio.wait_for(task, timeout=0.2)
    except TimeoutError:
        print("caller: timed out, operation cancelled")

    before = steps_done
    with timeline.busy("main", "checks"):
        await asyncio.sleep(0.15)  # three more steps' worth of time
    stopped = task.cancelled() and steps_done == before < STEPS
    print(f"work stopped: {str(stopped).lower()}")


asyncio.run(main())
