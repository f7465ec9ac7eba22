"""Several sources in the sidebar: a node each, counts rolled up, routing, ``a``, ``d``, search.

Every app here reads the demo's four sources (two VSB sites, an RSS 2.0 and an Atom feed)
served on 127.0.0.1 by the session's ``demo_sources``.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from apps import NO_DELAY, build_sources_app, main_screen, settle
from textual.pilot import Pilot
from textual.widgets import Input, Static

from newsreader.core.config import FetchSettings
from newsreader.core.sources.registry import load_registry, make_entry
from newsreader.core.urls import same_site
from newsreader.demo.sources import DemoSources
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.search import SearchScreen
from newsreader.tui.screens.sources import AddSource
from newsreader.tui.state import Count
from newsreader.tui.widgets.section_tree import SectionTree
from newsreader.tui.widgets.tree_nodes import rolled_up

pytestmark = pytest.mark.timeout(90)


async def wait_until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 20) -> bool:
    """Pause until ``check()`` holds, at most ``seconds``; return whether it did."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not check():
        await pilot.pause(0.02)
    return check()


def top_labels(tree: SectionTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


def names(demo: DemoSources) -> list[str]:
    return [e.name for e in demo.entries]


async def move_to(pilot: Pilot[None], tree: SectionTree, name: str) -> None:
    """Put the sidebar's cursor on a source's node with the keyboard."""
    tree.focus()
    await pilot.press("g")
    for _ in range(40):
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data.path == (name,):
            return
        await pilot.press("down")
    raise AssertionError(f"no node for {name}")


def notes(app: NewsreaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_counts_roll_up_each_section_once() -> None:
    counts = {"a": Count(3, 4, 1), "b": Count(2, 6, 0), "c": Count(5, 5, 5)}
    assert rolled_up(counts, ["a", "b", "a", "missing"]) == Count(5, 10, 1)


async def test_each_source_is_a_top_node_in_the_lists_order(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        tree = main_screen(app).sidebar
        nodes = tree.root.children
        assert [n.data.path for n in nodes if n.data] == [
            *((name,) for name in names(demo_sources)),
            ("★",),
        ]
        site, campus, rss, atom = nodes[:4]
        # A VSB site carries its section tree; a feed is one node, its own section.
        assert site.children and campus.children
        assert not rss.children and not atom.children
        assert rss.data and rss.data.section and rss.data.section.url == demo_sources.entries[2].url
        assert "新闻资讯" in [str(c.label) for c in site.children]
        assert app.title == "新闻阅读器"  # not one source's name


async def test_a_feed_opens_in_the_list_and_its_item_in_the_reader(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        atom = demo_sources.entries[3]
        await move_to(pilot, screen.sidebar, atom.name)
        await pilot.press("enter")
        await settle(pilot)
        # The list and the reader now read the Atom feed's service.
        assert screen.articles.service.site_url == atom.url
        assert screen.articles.service.kind == "feed"
        assert screen.articles.rows
        first = screen.articles.rows[0].item
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.url == first.url and screen.reader.is_article
        assert screen.reader.service is screen.articles.service
        # Read under the feed's own key space: the feed's count knows it.
        assert first.url in screen.state.library.read_urls([first.url])


async def test_unread_counts_roll_up_to_the_source_node(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        campus = demo_sources.entries[1].name
        await move_to(pilot, screen.sidebar, campus)
        await pilot.press("right", "down", "enter")  # its first section
        await settle(pilot)
        service = screen.articles.service
        assert service.site_url == demo_sources.entries[1].url
        listed = len(screen.articles.rows)
        assert listed > 1
        node = next(n for n in screen.sidebar.root.children if n.data and n.data.source == campus)
        assert str(node.label).endswith(f"({listed}/{listed})")
        screen.articles.focus()
        await pilot.press("enter")  # read the first: the source's count follows
        await settle(pilot)
        assert screen.reader.is_article
        assert str(node.label).endswith(f"({listed - 1}/{listed})")
        # No other source counts the campus site's articles.
        others = [str(n.label) for n in screen.sidebar.root.children if n is not node]
        assert not any(label.endswith(")") for label in others if "★" not in label)


async def test_a_source_that_fails_says_so_on_its_node_only(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    dead = make_entry("坏掉的站点", f"http://127.0.0.1:{closed_port()}/", "vsb")
    fetch = FetchSettings(polite_delay=0.0, retries=0, connect_timeout=2.0)
    app = build_sources_app(demo_sources, cache_dir, extra=(dead,), fetch=fetch)
    async with app.run_test(size=(160, 50)) as pilot:
        tree = main_screen(app).sidebar
        assert await wait_until(pilot, lambda: "加载失败" in " ".join(top_labels(tree)))
        await settle(pilot)
        labels = top_labels(tree)
        assert [label for label in labels if "加载失败" in label] == ["坏掉的站点 ⚠ 加载失败"]
        # The others loaded all the same.
        assert all(n.children for n in tree.root.children[:2])


async def test_a_adds_a_source_from_a_url_and_saves_the_list(
    demo_sources: DemoSources, cache_dir: Path, tmp_path: Path
) -> None:
    listed = tmp_path / "sources.toml"
    app = build_sources_app(demo_sources, cache_dir, sources_file=listed, fetch=NO_DELAY)
    screen = main_screen
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        tree = screen(app).sidebar
        # Remove the Atom feed first, then add it back from its blog's home page, which
        # advertises the feed: detection finds the feed, as `newsreader add` does.
        await move_to(pilot, tree, demo_sources.entries[3].name)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        await pilot.press("y")
        await settle(pilot)
        assert len(tree.root.children) == 4
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddSource)
        await pilot.click("#add-url")
        home = demo_sources.base_urls[3] + "notes/"
        app.screen.query_one("#add-url", Input).value = home
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: not isinstance(app.screen, AddSource))
        await settle(pilot)
        atom = demo_sources.entries[3]
        assert [n.data.path[0] for n in tree.root.children if n.data][:4] == names(demo_sources)
        saved = load_registry(listed)
        assert [(e.name, e.url, e.kind) for e in saved.entries][-1] == (atom.name, atom.url, "feed")
        assert f"已添加来源「{atom.name}」" in notes(app)


async def test_a_shows_why_a_url_cannot_be_added_in_the_dialog(
    demo_sources: DemoSources, cache_dir: Path, tmp_path: Path
) -> None:
    listed = tmp_path / "sources.toml"
    app = build_sources_app(demo_sources, cache_dir, sources_file=listed, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddSource)
        dialog.query_one("#add-url", Input).value = demo_sources.base_urls[0] + "no/such/page.htm"
        dialog.query_one("#add-url", Input).focus()
        await pilot.press("enter")
        status = dialog.query_one("#add-status", Static)
        assert await wait_until(pilot, lambda: "404" in str(status.render()))
        assert app.screen is dialog  # still open, for another try
        said = str(status.render())
        assert not any(word in said for word in ("Error", "error", "Traceback"))
        await pilot.press("escape")
        await pilot.pause()
        assert not listed.exists()  # nothing was saved


async def test_d_removes_a_source_after_confirming_and_keeps_its_articles(
    demo_sources: DemoSources, cache_dir: Path, tmp_path: Path
) -> None:
    listed = tmp_path / "sources.toml"
    app = build_sources_app(demo_sources, cache_dir, sources_file=listed, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        campus = demo_sources.entries[1].name
        await move_to(pilot, screen.sidebar, campus)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert campus in [n.data.path[0] for n in screen.sidebar.root.children if n.data]
        assert not listed.exists()
        await pilot.press("d", "y")
        await settle(pilot)
        left = [n.data.path[0] for n in screen.sidebar.root.children if n.data]
        assert campus not in left and len(left) == 4
        assert [e.name for e in load_registry(listed).entries] == [
            n for n in names(demo_sources) if n != campus
        ]


async def test_the_demos_list_is_fixed_and_says_so(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, AddSource)
        assert any("演示模式的来源列表是固定的" in note for note in notes(app))
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmOpen)


async def test_search_covers_every_source_and_tab_narrows_it_to_one(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        # Two articles of each VSB site and two items of the Atom feed in the cache.
        for shown in app.sources.shown:
            sections = (await shown.service.sections()).value
            url = next(s.url for top in sections for _, s in top.walk() if s.url)
            page = (await shown.service.list_page(url)).value
            for item in page.items[:2]:
                await shown.service.article(item.url)
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"的")
        assert await wait_until(pilot, lambda: len(search.hits) > 0)
        every = {hit.url for hit in search.hits}
        homes = [e.url for e in demo_sources.entries]
        assert sum(any(same_site(u, home) for u in every) for home in homes[:2]) == 2
        await pilot.press("tab")  # the first source only
        scope = search.query_one("#search-scope", Static)
        assert demo_sources.entries[0].name in str(scope.render())
        assert await wait_until(
            pilot, lambda: bool(search.hits) and {h.url for h in search.hits} != every
        )
        assert all(same_site(hit.url, homes[0]) for hit in search.hits)
        for _ in range(4):  # the other three, then every source again
            await pilot.press("tab")
        assert "全部来源" in str(scope.render())
        await pilot.press("tab", "tab")  # the campus site only; Enter opens its best hit
        assert await wait_until(
            pilot, lambda: bool(search.hits) and same_site(search.hits[0].url, homes[1])
        )
        best = search.hits[0].url
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.url == best and screen.reader.is_article
        assert screen.reader.service.site_url == homes[1]


class _Ran:
    """Stands in for the app: records how the command built it."""

    built: ClassVar[list[tuple[object, bool]]] = []
    return_code = 0

    def __init__(self, config: object, service: object, registry: object, *, fixed: bool) -> None:
        self.built.append((registry, fixed))
        self.service = service

    def run(self) -> None:
        """Close the service the command opened, as the app does on exit."""
        import asyncio

        asyncio.run(self.service.aclose())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("argv", "names", "fixed"),
    [
        (["--demo"], 4, True),
        (["--site", "http://127.0.0.1:9/"], None, False),
        ([], 1, False),
    ],
)
def test_the_command_builds_the_reader_over_the_runs_list_of_sources(
    argv: list[str],
    names: int | None,
    fixed: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from newsreader.cli.main import main
    from newsreader.tui import app as app_module

    _Ran.built.clear()
    monkeypatch.setattr(app_module, "create_app", _Ran)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    args = [*argv, "--cache-dir", str(tmp_path / "cache")]
    assert main([*args, "--offline"] if "--demo" in argv else args) == 0
    ((registry, was_fixed),) = _Ran.built
    if names is None:
        assert registry is None  # --site: the one site, as before
    else:
        assert len(registry.entries) == names  # type: ignore[attr-defined]
    assert was_fixed is fixed


async def test_n_goes_on_to_the_next_sources_unread_with_its_service(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        _, _, rss, atom = demo_sources.entries
        for entry in (atom, rss):  # both lists known; the RSS feed's on show
            await move_to(pilot, screen.sidebar, entry.name)
            await pilot.press("enter")
            await settle(pilot)
        atom_items = {url for url in screen.state.known(atom.url)}
        screen.articles.focus()
        await pilot.press("m")  # every RSS item read: the next unread is the Atom feed's
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.reader.url in atom_items and screen.reader.is_article
        assert screen.articles.service.site_url == atom.url
        assert screen.reader.service is screen.articles.service


async def test_an_empty_list_shows_no_source_and_a_adds_the_first(
    demo_sources: DemoSources, cache_dir: Path, tmp_path: Path
) -> None:
    from newsreader.core.config import Config
    from newsreader.core.service import NewsService
    from newsreader.core.sources.registry import Registry
    from newsreader.tui.app import create_app

    listed = tmp_path / "sources.toml"
    config = Config(site_url=demo_sources.base_url, cache_dir=cache_dir, fetch=NO_DELAY)
    app = create_app(config, NewsService.open(config), Registry(listed, ()))
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        tree = main_screen(app).sidebar
        assert [n.data.path for n in tree.root.children if n.data] == [("★",)]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddSource)
        atom = demo_sources.entries[3]
        app.screen.query_one("#add-url", Input).value = atom.url
        app.screen.query_one("#add-url", Input).focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: not isinstance(app.screen, AddSource))
        assert await wait_until(pilot, lambda: tree.sections is not None)
        # One source: its section at the top, as with one site.
        assert [s.url for s in tree.sections or ()] == [atom.url]
        assert [e.url for e in load_registry(listed).entries] == [atom.url]
