# example.match: ^RLIMIT_STACK \(soft\): (\d+ KiB|unlimited)$
# example.match: ^a new thread's stack: \d+ KiB reserved$
# example.match: ^reserved = RLIMIT_STACK: (True|unlimited, so glibc's own default applies)$
# example.match: ^20 waiting threads: \d+ KiB of stack reserved, resident memory grew by \d+ KiB$
# example.match: ^resident growth under 1/10 of the reservation: True$
# example.match: ^with RLIMIT_STACK set to 1 MiB, a new thread reserves: 1024 KiB$
# example.platform: linux
# On Linux, glibc gives each new thread a stack as big as the soft
# RLIMIT_STACK (`ulimit -s`, usually 8 MiB) and CPython keeps that default.
# The stack is reserved address space: pages become resident memory only when
# the thread touches them. pthread_getattr_np reports a thread's real stack.
import ctypes
import resource
import subprocess
import sys
import threading

libc = ctypes.CDLL(None)
libc.pthread_self.restype = ctypes.c_ulong
KIB = 1024


def stack_size() -> int:
    """The stack the calling thread was given, in bytes."""
    attr = ctypes.create_string_buffer(128)  # a pthread_attr_t (56 bytes on x86-64)
    assert libc.pthread_getattr_np(ctypes.c_ulong(libc.pthread_self()), attr) == 0
    size = ctypes.c_size_t()
    libc.pthread_attr_getstacksize(attr, ctypes.byref(size))
    libc.pthread_attr_destroy(attr)
    return size.value


def in_a_thread() -> int:
    found = []
    thread = threading.Thread(target=lambda: found.append(stack_size()))
    thread.start()
    thread.join()
    return found[0]


def resident_kib() -> int:
    """This process's resident memory (VmRSS), in KiB."""
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0])


if __name__ == "__main__" and sys.argv[1:] == ["child"]:
    print(in_a_thread() // KIB)
elif __name__ == "__main__":
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    limit = "unlimited" if soft == resource.RLIM_INFINITY else f"{soft // KIB} KiB"
    print(f"RLIMIT_STACK (soft): {limit}")
    reserved = in_a_thread()
    print(f"a new thread's stack: {reserved // KIB} KiB reserved")
    same = "unlimited, so glibc's own default applies" if soft == resource.RLIM_INFINITY else reserved == soft
    print(f"reserved = RLIMIT_STACK: {same}")

    release = threading.Event()
    before = resident_kib()
    threads = [threading.Thread(target=release.wait) for _ in range(20)]
    for thread in threads:
        thread.start()
    grown = resident_kib() - before
    release.set()
    for thread in threads:
        thread.join()
    stacks = 20 * reserved // KIB
    print(f"20 waiting threads: {stacks} KiB of stack reserved, resident memory grew by {grown} KiB")
    print(f"resident growth under 1/10 of the reservation: {grown < stacks // 10}")

    # A child process started with a smaller limit gives its threads smaller stacks.
    def smaller() -> None:
        resource.setrlimit(resource.RLIMIT_STACK, (KIB * KIB, resource.RLIM_INFINITY))

    child = subprocess.run([sys.executable, __file__, "child"], preexec_fn=smaller, capture_output=True, text=True)
    print(f"with RLIMIT_STACK set to 1 MiB, a new thread reserves: {child.stdout.strip()} KiB")
