"""Helpers of the TUI tests: an app on a real NewsService over the demo site, and settling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import AppFactory

from newsreader.core.config import Config
from newsreader.core.service import NewsService
from newsreader.demo.server import DemoServer
from newsreader.tui.app import NewsreaderApp, create_app


@pytest.fixture
def make_app(demo_server: DemoServer, cache_dir: Path) -> Iterator[AppFactory]:
    """Build apps on the shared demo server and this test's cache directory.

    Keyword arguments override :class:`Config` fields (``offline=True``, ``lang="en"``...).
    """

    def make(**overrides: object) -> NewsreaderApp:
        fields: dict[str, object] = {"site_url": demo_server.base_url, "cache_dir": cache_dir}
        fields.update(overrides)
        config = Config(**fields)  # type: ignore[arg-type]
        return create_app(config, NewsService.open(config))

    yield make
