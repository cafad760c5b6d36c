# The sandbox's seccomp filter, as a raw BPF program for bubblewrap's --seccomp: no new user namespaces (unshare -U,
# clone with CLONE_NEWUSER; clone3 answers ENOSYS so that libc falls back to clone) and no kernel keyring calls.
from __future__ import annotations

import os
import platform
import struct

# seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (little-endian: low word first)
_NR, _ARCH, _ARG0 = 0, 4, 16
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _KILL_PROCESS, _ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_EPERM, _ENOSYS = 1, 38
CLONE_NEWUSER = 0x10000000
_X32 = 0x40000000  # x86_64's x32 numbers: refused outright


# arch → (AUDIT_ARCH value, syscall numbers)
_X86_64 = {"clone": 56, "unshare": 272, "clone3": 435, "add_key": 248, "request_key": 249, "keyctl": 250}
_AARCH64 = {"clone": 220, "unshare": 97, "clone3": 435, "add_key": 217, "request_key": 218, "keyctl": 219}
_ARCHES = {"x86_64": (0xC000003E, _X86_64), "aarch64": (0xC00000B7, _AARCH64)}
ARCHES = tuple(_ARCHES)


def program(machine: str | None = None) -> bytes | None:
    """The filter for this machine's architecture (None where we have no syscall table for it). A process of
    another architecture (x86_64's 32-bit ABIs) is killed at its first system call."""
    arch = _ARCHES.get(machine or platform.machine())
    if arch is None:
        return None
    audit, numbers = arch
    code: list[tuple[int, str | int, str | int, int]] = [
        (_LD_ABS, 0, 0, _ARCH),
        (_JEQ, 1, 0, audit),
        (_RET, 0, 0, _KILL_PROCESS),
        (_LD_ABS, 0, 0, _NR),
    ]
    if audit == _ARCHES["x86_64"][0]:
        code.append((_JGE, "eperm", 0, _X32))
    for name in ("keyctl", "add_key", "request_key"):
        code.append((_JEQ, "eperm", 0, numbers[name]))
    code += [
        (_JEQ, "enosys", 0, numbers["clone3"]),
        (_JEQ, "flags", 0, numbers["clone"]),
        (_JEQ, "flags", 0, numbers["unshare"]),
        (_RET, 0, 0, _ALLOW),
    ]
    labels = {"flags": len(code), "eperm": len(code) + 3, "enosys": len(code) + 4}
    code += [
        (_LD_ABS, 0, 0, _ARG0),  # clone's and unshare's flags, both first argument on x86_64 and aarch64
        (_JSET, "eperm", 0, CLONE_NEWUSER),
        (_RET, 0, 0, _ALLOW),
        (_RET, 0, 0, _ERRNO | _EPERM),
        (_RET, 0, 0, _ERRNO | _ENOSYS),
    ]

    def offset(at: int, target: str | int) -> int:
        return labels[target] - at - 1 if isinstance(target, str) else target

    return b"".join(struct.pack("<HBBI", op, offset(i, jt), offset(i, jf), k) for i, (op, jt, jf, k) in enumerate(code))


def filter_fd(machine: str | None = None) -> int | None:
    """A file descriptor holding the filter, at offset 0, for `bwrap --seccomp FD` (the caller closes it)."""
    data = program(machine)
    if data is None:
        return None
    fd = os.memfd_create("cme-seccomp", os.MFD_CLOEXEC)
    os.write(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
