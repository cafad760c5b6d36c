# A fast producer and a slow consumer share a queue.Queue bounded to two items.
import queue
import threading
import time

import timeline  # records the timeline drawn below the output

CAPACITY = 2
ITEMS = 8
buffer: queue.Queue[int | None] = queue.Queue(maxsize=CAPACITY)
producer_waited = threading.Event()


def produce() -> None:
    for item in range(1, ITEMS + 1):
        timeline.send("producer", f"item {item}")
        try:
            buffer.put_nowait(item)
        except queue.Full:
            timeline.mark("producer", "buffer full")
            producer_waited.set()  # the buffer is full: put() blocks until the consumer takes one
            buffer.put(item)
    buffer.put(None)  # end of stream


producer = threading.Thread(target=produce)
producer.start()

max_buffered = 0
while True:
    max_buffered = max(max_buffered, buffer.qsize())  # items waiting, before taking one
    item = buffer.get()
    if item is None:
        break
    timeline.recv("consumer", f"item {item}")
    with timeline.busy("consumer", f"item {item}"):
        print(f"consumed {item}")
        time.sleep(0.02)  # the consumer is the slow side
producer.join()

print(f"max buffered <= {CAPACITY}: {str(max_buffered <= CAPACITY).lower()}")
print(f"producer waited for space: {str(producer_waited.is_set()).lower()}")
