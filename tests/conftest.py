"""Shared pytest fixtures: the demo site served on 127.0.0.1 and a scratch cache directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.settings import CONFIG_ENV
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite


@pytest.fixture(scope="session")
def demo_site() -> DemoSite:
    """The default demo site (seed 7), shared by the whole session; treat it as read-only."""
    return DemoSite()


@pytest.fixture(scope="session")
def demo_server(demo_site: DemoSite) -> Iterator[DemoServer]:
    """A running demo server shared by the session. Don't change its knobs: use
    ``fresh_demo_server`` for that. Its ``requests`` log is shared too, so compare slices."""
    with DemoServer(demo_site) as server:
        yield server


@pytest.fixture
def fresh_demo_server(demo_site: DemoSite) -> Iterator[DemoServer]:
    """A demo server of this test only (its ``delay``, ``fail_paths`` and logs are free to
    change); stopped at the end of the test."""
    with DemoServer(demo_site) as server:
        yield server


@pytest.fixture(autouse=True)
def no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the user's own config file out of every test: point at one that does not exist.

    In a directory of the test's own, since the sources file is kept beside the config file and
    a test that adds a source must not change another test's list.
    """
    missing = tmp_path_factory.mktemp("config") / "config.toml"
    monkeypatch.setenv(CONFIG_ENV, str(missing))


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the CLI in English unless a test asks otherwise (``--lang``, or its own locale).

    The CLI's language follows the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), which differs
    from one machine to the next; the tests that read its messages are written in English.
    Only the messages category is set: nothing else about the locale changes.
    """
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """A fresh, not yet created cache directory path: ``tmp_path / "cache"``."""
    return tmp_path / "cache"
