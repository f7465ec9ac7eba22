"""Running the ``newsreader`` command as the tests do: in-process, or as a process of its own.

Every test runs it against one site and one cache directory with no polite delay; the argument
list for that is made here only (:func:`argv`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsreader.cli.main import main


def argv(site: str | None, cache: Path, *args: str) -> list[str]:
    """The arguments for ``site`` and the cache in ``cache``, no polite delay, then ``args``.

    ``site`` ``None``: the user's list of sources is read, as when no ``--site`` is given.
    """
    where = ["--site", site] if site is not None else []
    return [*where, "--cache-dir", str(cache), "--delay", "0", *args]


def command(site: str, cache: Path, *args: str) -> list[str]:
    """:func:`argv` as a ``python -m newsreader`` command line, for a process of its own."""
    return [sys.executable, "-m", "newsreader", *argv(site, cache, *args)]


class Runner:
    """Runs ``newsreader`` in-process against one site (``None``: the user's list of sources)
    and one cache directory, no polite delay."""

    def __init__(self, capsys: pytest.CaptureFixture[str], site: str | None, cache: Path) -> None:
        self.capsys = capsys
        self.site = site
        self.cache = cache

    def __call__(self, *args: str) -> tuple[int, str, str]:
        """Run with ``args``; return the exit status, stdout and stderr."""
        self.capsys.readouterr()
        code = main(argv(self.site, self.cache, *args))
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        """Run with ``args --json``, assert success and return the parsed output."""
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)


def run(
    capsys: pytest.CaptureFixture[str], site: str, cache: Path, *args: str
) -> tuple[int, str, str]:
    """Run once in-process with ``args``; return the exit status, stdout and stderr."""
    return Runner(capsys, site, cache)(*args)
