"""The ``cli`` fixture: the command run in-process against the shared demo server."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.demo.server import DemoServer


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], demo_server: DemoServer, cache_dir: Path) -> Runner:
    """A runner on the shared demo server with a fresh cache directory."""
    return Runner(capsys, demo_server.base_url, cache_dir)
