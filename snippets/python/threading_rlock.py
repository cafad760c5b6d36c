# example.expect: Lock:  can the owner take it again? False
# example.expect: RLock: can the owner take it again? True
# example.expect: balance after deposit_twice: 20
# An RLock remembers which thread holds it and how many times: the owner may
# acquire it again (and must release it as often). A plain Lock does not care
# who holds it, so a second acquire by the same thread would wait forever.
import threading

for name, lock in (("Lock", threading.Lock()), ("RLock", threading.RLock())):
    with lock:
        again = lock.acquire(timeout=0.1)  # gives up after 0.1 s
        if again:
            lock.release()
    print(f"{name + ':':<6} can the owner take it again? {again}")


class Account:
    """Every public method takes the lock, and one calls another."""

    def __init__(self) -> None:
        self.balance = 0
        self._lock = threading.RLock()  # a Lock here would deadlock

    def deposit(self, amount: int) -> None:
        with self._lock:
            self.balance += amount

    def deposit_twice(self, amount: int) -> None:
        with self._lock:
            self.deposit(amount)  # re-enters the lock this thread holds
            self.deposit(amount)


account = Account()
worker = threading.Thread(target=account.deposit_twice, args=(10,))
worker.start()
worker.join()
print(f"balance after deposit_twice: {account.balance}")
