"""The one way the tests build the whole app, settle it and read its screen.

An app here runs on a real :class:`NewsService` over a site (the demo site for the journeys of
``tests/tui``, any test server for ``tests/adversarial``) and a cache directory of the test's.
The pane tests mount a single widget over a fake service instead (``tests/tui/pane_host.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.pilot import Pilot

from newsreader.core.config import Config, FetchSettings
from newsreader.core.service import NewsService
from newsreader.tui.app import NewsreaderApp, create_app
from newsreader.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from newsreader.core.sources.registry import SourceEntry
    from newsreader.demo.sources import DemoSources

# Fetch settings with no polite delay: for test servers that a fast client cannot hurt.
NO_DELAY = FetchSettings(polite_delay=0.0)


def build_app(site_url: str, cache_dir: Path, **overrides: object) -> NewsreaderApp:
    """An app on a real service over ``site_url``, its cache in ``cache_dir``.

    Keyword arguments override :class:`Config` fields (``offline=True``, ``lang="en"``,
    ``fetch=NO_DELAY``...).
    """
    fields: dict[str, object] = {"site_url": site_url, "cache_dir": cache_dir}
    fields.update(overrides)
    config = Config(**fields)  # type: ignore[arg-type]
    return create_app(config, NewsService.open(config))


async def settle(pilot: Pilot[None], delay: float = 0.05) -> None:
    """Let workers finish and their messages be handled (bounded by the test timeout)."""
    for _ in range(3):
        await pilot.pause(delay)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def main_screen(app: NewsreaderApp) -> MainScreen:
    """The main screen (the app's first screen under any modal)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


def screen_lines(app: NewsreaderApp) -> list[str]:
    """The characters on the terminal, line by line (what a user would read)."""
    strips = app.screen._compositor.render_strips()
    return [strip.text.rstrip() for strip in strips]


def screen_text(app: NewsreaderApp) -> str:
    """The screen as one text."""
    return "\n".join(screen_lines(app))


def build_sources_app(
    demo: DemoSources,
    cache_dir: Path,
    *,
    sources_file: Path | None = None,
    extra: tuple[SourceEntry, ...] = (),
    **overrides: object,
) -> NewsreaderApp:
    """An app over the demo's four sources (then ``extra``), as ``newsreader --demo`` runs it.

    Args:
        demo: The running demo sources.
        cache_dir: The test's cache directory.
        sources_file: Where the list is kept; given, the list may change (``a``, ``d``) and is
            saved there; ``None``: the demo's own fixed list.
        extra: Sources listed after the demo's.
        overrides: :class:`Config` fields.
    """
    from newsreader.core.sources.registry import Registry, make_entry

    fields: dict[str, object] = {"site_url": demo.base_url, "cache_dir": cache_dir}
    fields.update(overrides)
    config = Config(**fields)  # type: ignore[arg-type]
    entries = (*(make_entry(e.name, e.url, e.kind) for e in demo.entries), *extra)
    path = sources_file if sources_file is not None else cache_dir / "sources.toml"
    registry = Registry(path, entries)
    return create_app(config, NewsService.open(config), registry, fixed=sources_file is None)
