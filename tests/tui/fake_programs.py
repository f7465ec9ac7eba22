"""Stand-ins for the programs the TUI hands things to: the browser and the file viewer.

Each is a small shell script in a directory of the test's, which becomes the whole ``PATH``: no
real browser or viewer can ever start. A script writes its argument to a file (what it was
asked to open) and exits 0, or exits 1 (a program that failed).
"""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import pytest

# The program that opens a saved file with the system's viewer.
VIEWER = "open" if sys.platform == "darwin" else "xdg-open"


def only_programs_in(directory: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``directory`` the only place programs are found, with no display and no
    ``$BROWSER``, and have ``webbrowser`` look for browsers again (it looks once per process
    and keeps the list in its module globals, which ``monkeypatch`` restores)."""
    directory.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("PATH", str(directory))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return directory


def fake_program(directory: Path, name: str, *, fails: bool = False) -> Path:
    """Write the program ``name`` into ``directory``; return the file its arguments go to.

    Args:
        directory: Where it goes (see :func:`only_programs_in`).
        name: Its file name.
        fails: Exit 1 (a program that could not do it) instead of 0.
    """
    record = directory / f"{name}.args"
    script = directory / name
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{record}'\nexit {int(fails)}\n")
    script.chmod(0o755)
    return record


def asked(record: Path) -> list[str]:
    """What the fake program was asked to open, one entry per run."""
    return record.read_text().splitlines() if record.exists() else []
