"""Read-only and full file systems for the cache tests: real mounts where the system allows them.

The tests often run as root, for whom permission bits mean nothing: a read-only bind mount is the
honest read-only directory, and a small tmpfs the honest full disk. Without mount rights, a user
other than root gets a read-only directory from permissions; where neither works the test is
skipped, saying why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*argv: str) -> bool:
    try:
        proc = subprocess.run(argv, capture_output=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def _umount(path: Path) -> None:
    _run("umount", "-l", str(path))


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """Yield a read-only view of the directory ``source``: ``target`` bind-mounted read-only.

    Without mount rights, ``source`` itself made read-only by its permissions (not as root).
    """
    target.mkdir(parents=True)
    if _run("mount", "--bind", str(source), str(target)):
        try:
            if not _run("mount", "-o", "remount,bind,ro", str(target)):
                pytest.skip("a bind mount cannot be made read-only here")
            assert not os.access(target, os.W_OK), "the read-only mount is writable"
            yield target
        finally:
            _umount(target)
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("mounting is not allowed, and root ignores permissions")
    files = [p for p in source.iterdir() if p.is_file()]
    for path in files:
        path.chmod(0o444)
    source.chmod(0o555)
    try:
        yield source
    finally:
        source.chmod(0o755)
        for path in files:
            path.chmod(0o644)


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """Yield ``path`` with a tmpfs of ``size`` (``"8m"``) mounted on it; skip when not allowed."""
    path.mkdir(parents=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield path
    finally:
        _umount(path)


def fill(directory: Path, leave: int = 0) -> None:
    """Fill the file system of ``directory`` until at most ``leave`` bytes are free."""
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize
    chunk = b"\0" * 4096
    # Unbuffered: a full disk fails the write that hits it, never a later flush on close.
    with (directory / "filler").open("wb", buffering=0) as handle:
        try:
            for _ in range(max(free - leave, 0) // len(chunk)):
                handle.write(chunk)
            if leave == 0:
                for _ in range(1024):  # past what statvfs counts (reserved blocks, rounding)
                    handle.write(chunk)
        except OSError:
            return  # full
