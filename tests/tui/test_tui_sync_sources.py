"""``S`` and ``r`` on a sidebar node of another source than the list on show: each works with
that node's own source's service (the demo's four sources, served on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apps import NO_DELAY, build_sources_app, main_screen, settle
from test_tui_sources import move_to
from textual.pilot import Pilot

from newsreader.demo.sources import DemoSources
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.status import clock_text

pytestmark = pytest.mark.timeout(90)


def toasts(app: NewsreaderApp) -> list[tuple[str, str, str]]:
    """Every notification so far: (title, text, severity)."""
    return [(n.title, str(n.message), n.severity) for n in app._notifications]


async def list_one_site_then_point_at_another(
    pilot: Pilot[None], demo: DemoSources
) -> tuple[MainScreen, str]:
    """Show a section of the demo's first site, then put the sidebar's cursor on a section of
    the second one; return the screen and that section's list URL."""
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    first, second, _, _ = demo.entries
    await move_to(pilot, screen.sidebar, first.name)
    await pilot.press("right", "down", "enter")
    await settle(pilot)
    assert screen.articles.service.site_url == first.url
    await move_to(pilot, screen.sidebar, second.name)
    await pilot.press("right", "down")
    section = screen.sidebar.cursor_section
    assert section is not None and section.url.startswith(second.url)
    return screen, section.url


async def test_s_on_another_sources_section_saves_it_through_that_source(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await list_one_site_then_point_at_another(pilot, demo_sources)
        owner = screen.sidebar.service_of(url)
        assert owner is not None and owner is not screen.articles.service
        assert owner.cached_list(url) is None
        before = len(toasts(app))
        await pilot.press("S")
        await settle(pilot)
        said = toasts(app)[before:]
        assert [s for s in said if s[2] == "error"] == [], said
        assert app.tr("sync.done") in [title for title, _, _ in said]
        assert owner.cached_list(url) is not None  # saved in its own source's cache


async def test_r_on_another_sources_node_refreshes_that_source_only(
    demo_sources: DemoSources, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await list_one_site_then_point_at_another(pilot, demo_sources)
        owner = screen.sidebar.service_of(url)
        assert owner is not None
        asked: list[tuple[str, str]] = []
        for shown in screen.sources.shown:
            service = shown.service
            for name in ("sections", "list_page"):
                real = getattr(service, name)

                async def spy(*args: object, _real=real, _what=(name, shown.name)) -> object:  # type: ignore[no-untyped-def]
                    asked.append(_what)
                    return await _real(*args)

                monkeypatch.setattr(service, name, spy)
        await pilot.press("r")
        await settle(pilot)
        source = next(s.name for s in screen.sources.shown if s.service is owner)
        # The node's section and its source's tree, through its service; nothing else.
        assert sorted(asked) == [("list_page", source), ("sections", source)]
        assert owner.cached_list(url) is not None


async def test_r_offline_says_the_list_is_the_cached_copy_not_refreshed(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, _ = await list_one_site_then_point_at_another(pilot, demo_sources)
        key = screen.articles.key
        assert key is not None
        cached = screen.articles.service.cached_list(key)
        assert cached is not None
        await pilot.press("ctrl+o")
        screen.articles.focus()
        before = len(toasts(app))
        await pilot.press("r")
        await settle(pilot)
        said = [text for _, text, _ in toasts(app)[before:]]
        when = clock_text(cached.fetched_at)
        assert said == [app.tr("notify.shown_cached", time=when)]


async def test_r_offline_on_a_sources_node_says_its_tree_is_the_cached_copy(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await list_one_site_then_point_at_another(pilot, demo_sources)
        owner = screen.sidebar.service_of(url)
        assert owner is not None
        tree = owner.cached_sections()
        assert tree is not None
        await pilot.press("ctrl+o")
        before = len(toasts(app))
        await pilot.press("r")
        await settle(pilot)
        said = [text for _, text, _ in toasts(app)[before:]]
        assert said == [app.tr("notify.shown_cached", time=clock_text(tree.fetched_at))]


async def test_s_on_a_feed_node_saves_the_feed_through_its_own_service(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, _ = await list_one_site_then_point_at_another(pilot, demo_sources)
        atom = demo_sources.entries[3]
        owner = screen.sidebar.service_of(atom.url)
        assert owner is not None and owner.kind == "feed"
        await move_to(pilot, screen.sidebar, atom.name)
        before = len(toasts(app))
        await pilot.press("S")
        await settle(pilot)
        said = toasts(app)[before:]
        assert [s for s in said if s[2] == "error"] == [], said
        assert app.tr("sync.done") in [title for title, _, _ in said]
        assert owner.cached_list(atom.url) is not None


async def test_s_on_a_section_off_its_site_is_refused_in_the_tuis_words(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        panel = main_screen(app).sync_panel
        # A menu entry may lead to another site: nothing starts, nothing says "usage error".
        refused = panel.start(("https://elsewhere.example/news.htm", "外站"), pages=1)
        await settle(pilot)
        assert refused == "sync.off_site"
        assert app.tr(refused) != refused
        assert not panel.running
        assert [s for s in toasts(app) if s[2] == "error"] == []
