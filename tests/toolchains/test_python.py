# The Python toolchain, with the real interpreter.
from __future__ import annotations

from tests.toolchains.contract import ToolchainContract


class TestPython(ToolchainContract):
    language = "python"
    extension = ".py"
    comment = "#"
    error_lines = {"compile_error": 3, "runtime_error": 3}
    programs = {
        "hello": '{options}print("hello from python")\n',
        "compile_error": '# a syntax error on line 3\nprint("ok")\ndef broken(:\n',
        "runtime_error": 'def fail():\n    print("about to fail")\n    raise RuntimeError("boom")\n\nfail()\n',
        "exit_three": '{options}import sys\nprint("leaving with 3")\nsys.exit(3)\n',
        "hang": '{options}import time\nprint("sleeping", flush=True)\ntime.sleep(3600)\n',
        "unordered": (
            # One write per line: print() writes the text and its newline apart, and threads interleave them.
            "{options}import sys, threading, random, time\n"
            "def work(i):\n    time.sleep(random.random() / 50)\n    sys.stdout.write(f'worker {i} done\\n')\n"
            "ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]\n"
            "[t.start() for t in ts]\n[t.join() for t in ts]\n"
        ),
        "invalid_utf8": '{options}import sys\nsys.stdout.buffer.write(b"bad \\xff\\xfe bytes\\n")\n',
        "flood": '{options}while True:\n    print("x" * 1000)\n',
        "orphan": (
            "{options}import subprocess\n"
            'child = subprocess.Popen(["sleep", "{sleep}"])\n'
            'print("parent exits, child", child.pid)\n'
        ),
    }
