# example.expect: the thread ran in this process: True
# example.expect: the child ran in this process: False
# example.expect: after the thread:  ['main', 'thread']
# example.expect: inside the child:  ['main', 'thread', 'child']
# example.expect: after the child:   ['main', 'thread']
# A thread and a child process each append to the same global list.
# The thread shares the process's memory, so the main program sees its change.
# The forked child starts with a COPY of that memory: it sees what was there
# when it started, and its own change never reaches the parent.
import multiprocessing as mp
import os
import threading

items = ["main"]


def add(name: str, report) -> None:
    items.append(name)
    report.put((os.getpid(), list(items)))  # a copy of what this worker sees


if __name__ == "__main__":
    report = mp.Queue()

    thread = threading.Thread(target=add, args=("thread", report))
    thread.start()
    thread.join()
    thread_pid, _ = report.get()
    print(f"the thread ran in this process: {thread_pid == os.getpid()}")

    child = mp.get_context("fork").Process(target=add, args=("child", report))
    child.start()
    child_pid, child_items = report.get()
    child.join()
    print(f"the child ran in this process: {child_pid == os.getpid()}")

    print(f"after the thread:  {items}")
    print(f"inside the child:  {child_items}")
    print(f"after the child:   {items}")
