# Reading and removing what a run left, writing where it could have planted a link (hooks/common/untrusted_files.py).
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from hooks.common.atomic import write_atomically
from hooks.common.untrusted_files import (
    UntrustedFileError,
    no_links_below,
    read_bounded,
    read_text_capped,
    remove_tree,
    write_new,
)


def nest(top: Path, depth: int) -> None:
    """`depth` folders one inside the other under `top` (deeper than PATH_MAX allows by name)."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("leaf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)


def test_a_link_is_refused_by_name(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("root's secret\n")
    (tmp_path / "link").symlink_to(secret)
    with pytest.raises(UntrustedFileError, match="link: a symbolic link"):
        read_bounded(tmp_path / "link", 100)


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    started = time.monotonic()
    with pytest.raises(UntrustedFileError, match=r"not a regular file \(a FIFO\)"):
        read_bounded(tmp_path / "fifo", 100)
    assert time.monotonic() - started < 1


def test_a_folder_and_a_device_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UntrustedFileError, match="a folder"):
        read_bounded(tmp_path, 100)
    with pytest.raises(UntrustedFileError, match="a character device"):
        read_bounded("/dev/zero", 100)


def test_a_sparse_file_is_read_up_to_the_limit_and_the_rest_counted(tmp_path: Path) -> None:
    with open(tmp_path / "sparse", "wb") as handle:
        handle.truncate(2 * 1024**3)
    read = read_bounded(tmp_path / "sparse", 4096)
    assert len(read.data) == 4096 and read.cut == 2 * 1024**3 - 4096


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "small").write_text("héllo\n")
    assert read_bounded(tmp_path / "small", 100).cut == 0
    assert read_text_capped(tmp_path / "small", 100) == "héllo\n"
    with pytest.raises(UntrustedFileError, match="larger than 3 bytes"):
        read_text_capped(tmp_path / "small", 3)


def test_a_write_replaces_a_planted_link_and_never_writes_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "root_owned_script.sh"
    victim.write_text("#!/bin/sh\necho original\n")
    stamp = tmp_path / "out" / "build.json"
    stamp.parent.mkdir()
    stamp.symlink_to(victim)
    write_atomically(stamp, '{"key": 1}')
    assert victim.read_text() == "#!/bin/sh\necho original\n"
    assert not stamp.is_symlink() and stamp.read_text() == '{"key": 1}'
    assert sorted(p.name for p in stamp.parent.iterdir()) == ["build.json"]  # no temporary left


def test_a_write_into_a_linked_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "cache").symlink_to(elsewhere)
    with pytest.raises(OSError):
        write_new(tmp_path / "cache" / "entry.json", b"{}")
    assert list(elsewhere.iterdir()) == []


def test_no_links_below_names_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    no_links_below(tmp_path, tmp_path / "real" / "missing" / "file")
    with pytest.raises(UntrustedFileError, match="linked: a symbolic link: the build follows none here"):
        no_links_below(tmp_path, tmp_path / "linked" / "file")


def test_three_thousand_nested_folders_are_removed_without_recursion(tmp_path: Path) -> None:
    (tmp_path / "area").mkdir()
    nest(tmp_path / "area", 3000)
    assert remove_tree(tmp_path / "area") and not (tmp_path / "area").exists()


def test_removal_follows_no_link_and_opens_up_locked_folders(tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious").write_text("keep me\n")
    area = tmp_path / "area"
    (area / "locked" / "inner").mkdir(parents=True)
    (area / "locked" / "inner" / "file").write_text("x")
    (area / "to_keep").symlink_to(keep)
    (area / "locked" / "inner").chmod(0o500)
    (area / "locked").chmod(0)
    assert remove_tree(area) and not area.exists()
    assert (keep / "precious").read_text() == "keep me\n"


def test_removal_of_a_link_removes_the_link_only(tmp_path: Path) -> None:
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "target")
    assert remove_tree(tmp_path / "link") and (tmp_path / "target" / "file").exists()
    assert remove_tree(tmp_path / "missing")


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root (CI runs as root)")


@needs_root
def test_a_mount_point_that_cannot_go_is_left_not_looped_on(tmp_path: Path) -> None:
    """A killed build's run folder is a tmpfs mount: removal empties it, cannot rmdir it, and returns (it once spun
    forever, comparing readdir's inode of the covered folder with the mounted root's)."""
    import threading

    from hooks.process import disk

    root = tmp_path / "cme-1-x"
    run = root / "ex-1"
    run.mkdir(parents=True)
    assert disk.mount_capped(run)
    try:
        (run / "left.txt").write_text("left behind")
        (run / "sub").mkdir()
        done = threading.Event()
        threading.Thread(target=lambda: (remove_tree(root), done.set()), daemon=True).start()
        assert done.wait(10), "remove_tree looped on a mount point"
        assert run.is_dir() and not any(run.iterdir())  # emptied; the mount point itself stays
    finally:
        disk.unmount(run)


@needs_root
def test_the_sweep_unmounts_what_a_killed_build_left_then_removes_it(tmp_path: Path) -> None:
    from hooks.process import disk
    from hooks.process.tree import sweep_stale

    dead = 2**22 + 12345  # above pid_max's default: no such process
    root = tmp_path / f"cme-{dead}-x"
    run = root / "ex-1"
    run.mkdir(parents=True)
    assert disk.mount_capped(run)
    (run / "left.txt").write_text("left behind")
    sweep_stale(tmp_path, "cme-")
    assert not root.exists()
    assert str(run) not in Path("/proc/self/mountinfo").read_text()
