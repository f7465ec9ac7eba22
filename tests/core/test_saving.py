"""A cache that cannot store: the service shows what it fetched and says so once (issue 11, 5/7)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import CacheError, CacheReadOnly
from newsreader.core.results import Freshness
from newsreader.core.saving import Notices, open_cache, require_writable
from newsreader.core.service import NewsService
from newsreader.core.sync import sync
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)


def test_notices_say_each_kind_once_and_deliver_on_the_listening_thread() -> None:
    notes: list[str] = ["a start-up note"]
    heard: list[str] = []
    notices = Notices(notes)
    notices.unsaved("fetched", CacheError("the disk is full"))
    notices.listen(heard.append)
    assert heard == ["a start-up note", "the disk is full; pages fetched now are not saved"]
    notices.unsaved("fetched", CacheError("the disk is full"))
    notices.unsaved("marks", CacheError("the disk is full"))
    assert heard[2:] == ["the disk is full; read marks are not saved"]
    # From a worker thread: kept until the listening thread flushes.
    notices_b = Notices([])
    heard_b: list[str] = []
    notices_b.listen(heard_b.append)
    worker = threading.Thread(target=notices_b.unsaved, args=("fetched", CacheError("full")))
    worker.start()
    worker.join(timeout=10)
    assert heard_b == []
    notices_b.flush()
    assert heard_b == ["full; pages fetched now are not saved"]


def test_save_reports_a_refused_write_and_goes_on() -> None:
    notices = Notices([])

    def refuse() -> None:
        raise CacheReadOnly("the cache is read-only")

    assert notices.save(lambda: None) is True
    assert notices.save(refuse) is False and notices.save(refuse, kind="marks") is False
    assert notices.notes == [
        "the cache is read-only; pages fetched now are not saved",
        "the cache is read-only; read marks are not saved",
    ]


def test_open_cache_falls_back_to_read_only_then_to_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    path = folder / "cache.sqlite3"
    Cache.open(path).close()
    # Tests may run as root, which ignores permission bits: fake what access() would answer.
    monkeypatch.setattr(os, "access", lambda p, _mode: Path(p) != folder)
    cache, note = open_cache(path)
    assert cache.readonly and note is None and cache.path == path
    assert cache.readonly_reason == f"the cache directory {folder} is read-only"
    with pytest.raises(CacheReadOnly, match="sync needs to write to it"):
        require_writable(cache, "sync")
    cache.close()
    # No file to read: the in-memory stand-in, said in the start-up note.
    cache, note = open_cache(folder / "missing.sqlite3")
    assert cache.path is None and note is not None and "in-memory" in note
    cache.close()


async def test_service_on_a_read_only_cache_fetches_shows_and_notes_once(
    fresh_demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache.open(path).close()
    config = Config(site_url=fresh_demo_server.base_url, cache_dir=tmp_path, fetch=FAST)
    cache = Cache.open(path, readonly=True, readonly_reason="the medium is read-only")
    service = NewsService(config, cache)
    heard: list[str] = []
    service.listen(heard.append)
    try:
        first, second = (fresh_demo_server.url(a.path) for a in demo_site.articles[:2])
        result = await service.article(first)
        assert result.freshness is Freshness.FRESH
        assert result.value.title == demo_site.articles[0].title
        await service.article(second)
        await service.sections()
        assert heard == ["the medium is read-only; pages fetched now are not saved"]
        assert service.cached_article(first) is None
        assert (
            service.library.mark_read(first) is False and service.library.mark_read(second) is False
        )
        assert heard[1:] == ["the medium is read-only; read marks are not saved"]
        with pytest.raises(CacheReadOnly):
            service.library.set_starred(first, True)
    finally:
        await service.aclose()


async def test_a_sync_fails_on_a_list_page_the_cache_refuses_where_reading_only_notes_it(
    fresh_demo_server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(site_url=fresh_demo_server.base_url, cache_dir=cache_dir, fetch=FAST)
    service = NewsService.open(config)

    def refuse(*args: object, **kwargs: object) -> None:
        raise CacheError("the disk holding the cache is full")

    monkeypatch.setattr(Cache, "put_list_page", refuse)
    try:
        url = await service.section_url("新闻资讯/新闻")
        assert (await service.list_page(url)).value.items
        assert service.notes == [
            "the disk holding the cache is full; pages fetched now are not saved"
        ]
        with pytest.raises(CacheError, match="is full"):
            await sync(service, ["新闻资讯/新闻"])
        assert service.cache.last_synced(url) is None
        # Outside the sync, a refused write is noted again, not raised.
        assert (await service.list_page(url)).value.items
    finally:
        await service.aclose()
