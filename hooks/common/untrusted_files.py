# Files a run or a pull request could have written: opened without following links, regular files only, every
# read bounded; written by exclusive no-follow temporaries; folders removed without recursion or links.
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

# O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (it is then refused).
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY
CHUNK = 64 * 1024
READ_SECONDS = 10.0  # a regular file of bounded size reads in far less; a slow file system is cut here


class UntrustedFileError(OSError):
    """A file the build will not read or write: a link, not a regular file, or unreadable; `str()` names it."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class Bounded:
    """The first bytes of a file, and how many more it had (its size says; a sparse file counts its holes)."""

    data: bytes
    cut: int  # bytes not read (0: the whole file)

    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def open_regular(path: Path | str, dir_fd: int | None = None) -> int:
    """A read-only descriptor of `path` if it is a regular file reached without following a link at its last
    component; raises UntrustedFileError (a link, a FIFO, a device, a folder) or FileNotFoundError."""
    try:
        fd = os.open(path, READ_FLAGS, dir_fd=dir_fd)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UntrustedFileError(
                path, "a symbolic link: the build follows no link a run or a change left"
            ) from None
        raise UntrustedFileError(path, f"cannot open it ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UntrustedFileError(path, f"not a regular file ({_kind(mode)}): the build reads regular files only")
    return fd


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a plain file"


def read_bounded(path: Path | str, limit: int, dir_fd: int | None = None, seconds: float = READ_SECONDS) -> Bounded:
    """At most `limit` bytes of the regular file `path` (no link followed), read within `seconds`."""
    fd = open_regular(path, dir_fd)
    try:
        size = os.fstat(fd).st_size
        chunks, have = [], 0
        deadline = time.monotonic() + seconds
        while have < limit:
            chunk = os.read(fd, min(CHUNK, limit - have))
            if not chunk:
                break
            chunks.append(chunk)
            have += len(chunk)
            if time.monotonic() > deadline:
                break
        more = bool(os.read(fd, 1)) if have >= limit else False
    finally:
        os.close(fd)
    return Bounded(b"".join(chunks), max(size - have, 1 if more else 0))


def read_text_capped(path: Path | str, limit: int, what: str = "file") -> str:
    """The whole text of a small regular file; UntrustedFileError when it is larger than `limit` bytes."""
    read = read_bounded(path, limit)
    if read.cut:
        raise UntrustedFileError(path, f"{what} larger than {limit:,} bytes; refused")
    return read.data.decode("utf-8")


def no_links_below(root: Path, path: Path) -> None:
    """Raise UntrustedFileError naming the first existing component of `path` below `root` (root itself
    included) that is a symbolic link: the build reads and writes only where no link can redirect it."""
    current = root
    for part in (None, *path.relative_to(root).parts):
        if part is not None:
            current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                raise UntrustedFileError(current, "a symbolic link: the build follows none here")
        except FileNotFoundError:
            return


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: an exclusive, no-follow temporary beside it (a random name, so no
    link can be planted in its place), then renamed over `path` (a link there is replaced, never written
    through). The parent folder must not be a link either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    parent = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    tmp = f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=parent)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path.name, src_dir_fd=parent, dst_dir_fd=parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=parent)
        os.close(parent)


def remove_tree(path: Path) -> bool:
    """Remove `path` and everything below it: no recursion (any depth), no link followed (a link is removed,
    never entered), folders a run made unreadable opened up first. Never raises; True when it is gone."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
            return True
        top = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        _empty(top)
    except OSError:
        pass
    finally:
        os.close(top)
    try:
        os.rmdir(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _empty(top: int) -> None:
    """Empty the folder open as `top`, depth first, holding one descriptor at a time (`..` leads back up)."""
    fd, names = os.dup(top), list[str]()
    stuck: set[tuple[int, int]] = set()
    try:
        while True:
            child = _next_folder(fd, stuck)
            if child is not None:
                name, child_fd = child
                os.close(fd)
                fd = child_fd
                names.append(name)
                continue
            if not names:
                return
            here = os.fstat(fd)
            parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = parent
            name = names.pop()
            try:
                os.rmdir(name, dir_fd=fd)
            except OSError:
                stuck.add((here.st_dev, here.st_ino))  # not emptied: leave it rather than loop on it
    finally:
        os.close(fd)


def _next_folder(fd: int, stuck: set[tuple[int, int]]) -> tuple[str, int] | None:
    """Unlink every non-folder in `fd`; return the first sub-folder still to empty, opened."""
    with os.scandir(fd) as entries:
        listed = list(entries)
    for entry in listed:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if not is_dir:
            _unlink(fd, entry.name)
            continue
        # The folder's own device and inode (a mount point's are its mounted root's, as the fstat that marks it
        # stuck sees them; readdir's d_ino would be the covered folder's, and the loop would never end).
        info = entry.stat(follow_symlinks=False)
        if (info.st_dev, info.st_ino) in stuck:
            continue
        opened = _open_folder(fd, entry.name)
        if opened is None:
            stuck.add((info.st_dev, info.st_ino))
            continue
        return entry.name, opened
    return None


def _unlink(fd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):  # a folder made read-only: open it up, try once more
            with contextlib.suppress(OSError):
                os.chmod(fd, 0o700)
                os.unlink(name, dir_fd=fd)


def _open_folder(fd: int, name: str) -> int | None:
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    for attempt in range(2):
        try:
            return os.open(name, flags, dir_fd=fd)
        except OSError as exc:
            if attempt or exc.errno not in (errno.EACCES, errno.EPERM):
                return None
            try:  # chmod through an O_PATH descriptor: the folder itself, never what a link points at
                handle = os.open(name, os.O_PATH | os.O_NOFOLLOW | os.O_DIRECTORY | os.O_CLOEXEC, dir_fd=fd)
                try:
                    os.chmod(f"/proc/self/fd/{handle}", 0o700)
                finally:
                    os.close(handle)
            except OSError:
                return None
    return None
