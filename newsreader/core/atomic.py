"""Files written whole or not at all: a durable temporary copy, then one rename.

A reader of the file (or a crash) sees the old content or the new, never a part: the data goes
to a temporary file beside the target, is flushed to disk, and takes the target's name in one
``os.replace`` (or a hard link, where the name must be new); the directory is flushed after.
Callers map the ``OSError`` these raise to their own error with its user-facing reason.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def temp_copy(directory: Path, data: bytes, *, prefix: str, suffix: str = ".part") -> Path:
    """Write ``data`` to a new temporary file in ``directory``, flushed to disk.

    Args:
        directory: Where the file goes (the target's directory, so a rename stays on one
            file system).
        data: The whole content.
        prefix: The temporary name's start (a dot keeps it out of sight).
        suffix: The temporary name's end.

    Returns:
        The temporary file's path; nothing is left behind when writing fails.

    Raises:
        OSError: The directory cannot be written, or the disk is full.
    """
    fd, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=suffix)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def replace_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace the file at ``path`` with ``data``: all of it or, on failure, none.

    Args:
        path: The file to write (its directory must exist).
        data: The whole content.
        mode: Permission bits for the new file (``None``: the temporary file's, 0o600).

    Raises:
        OSError: The directory cannot be written, the disk is full, or ``path`` cannot be
            replaced (a directory, say).
    """
    tmp = temp_copy(path.parent, data, prefix=f".{path.name}.")
    try:
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a new or renamed directory entry durable (POSIX; Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
