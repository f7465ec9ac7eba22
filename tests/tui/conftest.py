"""The TUI tests' fixture make_app: apps.build_app over the shared demo site and the test's cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apps import build_app
from tui_helpers import AppFactory

from newsreader.demo.server import DemoServer
from newsreader.demo.sources import DemoSources
from newsreader.tui.app import NewsreaderApp


@pytest.fixture
def make_app(demo_server: DemoServer, cache_dir: Path) -> Iterator[AppFactory]:
    """Build apps on the shared demo server and this test's cache directory.

    Keyword arguments override :class:`Config` fields (``offline=True``, ``lang="en"``...).
    """

    def make(**overrides: object) -> NewsreaderApp:
        fields: dict[str, object] = {"site_url": demo_server.base_url, "cache_dir": cache_dir}
        fields.update(overrides)
        site, cache = fields.pop("site_url"), fields.pop("cache_dir")
        return build_app(str(site), Path(str(cache)), **fields)

    yield make


@pytest.fixture(scope="session")
def demo_sources() -> Iterator[DemoSources]:
    """The demo's four sources (two VSB sites, an RSS and an Atom feed) on free ports, shared
    by the session; treat them as read-only."""
    with DemoSources(ports=None) as running:
        yield running
