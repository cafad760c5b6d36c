# example.expect: thread 1 holds A, wants B: got it? False
# example.expect: thread 2 holds B, wants A: got it? False
# example.expect: deadlock: each waited for a lock the other held
# Two threads take two locks in opposite orders. Once each holds its first
# lock, neither can ever get its second: a deadlock. Real code would hang
# forever; here acquire(timeout=...) lets both give up so the program can
# report it.
import threading

lock_a, lock_b = threading.Lock(), threading.Lock()
both_hold_one = threading.Barrier(2)
both_gave_up = threading.Barrier(2)
outcome: dict[int, str] = {}


def worker(number: int, first, second, names: str) -> None:
    with first:
        both_hold_one.wait()  # until the other thread holds its first lock too
        got = second.acquire(timeout=0.2)
        if got:
            second.release()
        both_gave_up.wait()  # hold the first lock until the other gave up too
        held, wanted = names
        outcome[number] = f"thread {number} holds {held}, wants {wanted}: got it? {got}"


threads = [
    threading.Thread(target=worker, args=(1, lock_a, lock_b, "AB")),
    threading.Thread(target=worker, args=(2, lock_b, lock_a, "BA")),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(outcome[1])
print(outcome[2])
if "True" not in outcome[1] + outcome[2]:
    print("deadlock: each waited for a lock the other held")
