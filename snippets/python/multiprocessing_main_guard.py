# example.match: ^Process\(\) without the guard: the child raised RuntimeError and exited with code 1$
# example.match: ^  the main module ran twice \(parent, child\), no deeper: True$
# example.match: ^Pool\(2\) without the guard: no result; the main module had run 6 times when we stopped it$
# example.match: ^  each worker died at start, and the pool started another in its place: True$
# example.match: ^with the guard: \[0, 1, 4, 9\]$
# Under the spawn start method (the default on macOS and Windows; forkserver,
# the default on Linux since 3.14, imports the same way) a child process starts
# a fresh interpreter and imports the main module. Without the
# `if __name__ == "__main__":` guard that import reaches the code that starts
# processes again, and multiprocessing refuses: RuntimeError, not recursion.
# This program writes three small scripts and runs each one.
import os
import re
import signal
import subprocess
import sys

HEAD = """\
import multiprocessing as mp, os
print("main module running in", os.getpid(), flush=True)
def square(n):
    return n * n
ctx = mp.get_context("spawn")
"""
SCRIPTS = {
    "process.py": HEAD
    + """\
p = ctx.Process(target=square, args=(3,))
p.start()
p.join()
print("exit code", p.exitcode)
""",
    "pool.py": HEAD
    + """\
with ctx.Pool(2) as pool:
    print(pool.map(square, range(4)))
""",
    "guarded.py": HEAD
    + """\
if __name__ == "__main__":
    with ctx.Pool(2) as pool:
        print(pool.map(square, range(4)))
""",
}


def run(name: str, stop_after: int = 0) -> tuple[str, bool]:
    """The script's output (stdout and stderr) and whether it finished by itself; with `stop_after`, it
    is stopped, with every process it started, once the main module has run that many times."""
    with open(name, "w") as file:
        file.write(SCRIPTS[name])
    child = subprocess.Popen(
        [sys.executable, name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line)
        if stop_after and sum("main module running" in seen for seen in lines) == stop_after:
            os.killpg(child.pid, signal.SIGKILL)  # the script and every worker it started
            child.wait()
            return "".join(lines), False
    child.wait()
    return "".join(lines), True


output, _ = run("process.py")
starts = output.count("main module running")
raised = "RuntimeError" in output and "bootstrapping phase" in output
code = output.rsplit("exit code", 1)[-1].strip()
print(f"Process() without the guard: the child raised {'RuntimeError' if raised else '?'} and exited with code {code}")
print(f"  the main module ran twice (parent, child), no deeper: {starts == 2}")

output, finished = run("pool.py", stop_after=6)
died = output.count("bootstrapping phase")
result = "finished" if finished else "no result; the main module had run 6 times when we stopped it"
print(f"Pool(2) without the guard: {result}")
print(f"  each worker died at start, and the pool started another in its place: {not finished and died >= 3}")

output, finished = run("guarded.py")
# The workers print to the same pipe as the parent, so a line of theirs can be split around the result.
result = re.search(r"\[[0-9, ]*\]", output)
print(f"with the guard: {result[0] if result else None}")
if result is None:  # say why, for the build's failure report
    print(f"  the guarded script {'exited' if finished else 'was stopped'} without a result; its output:\n{output}")
