"""Running the ``newsreader`` command in-process, as the CLI tests do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.cli.main import main


class Runner:
    """Runs ``newsreader`` in-process against one site and one cache directory, no polite delay."""

    def __init__(self, capsys: pytest.CaptureFixture[str], site: str, cache: Path) -> None:
        self.capsys = capsys
        self.site = site
        self.cache = cache

    def __call__(self, *args: str) -> tuple[int, str, str]:
        """Run with ``args``; return the exit status, stdout and stderr."""
        self.capsys.readouterr()
        code = main(["--site", self.site, "--cache-dir", str(self.cache), "--delay", "0", *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        """Run with ``args --json``, assert success and return the parsed output."""
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)
