"""``newsreader cache``: statistics, pruning (never starred articles), VACUUM, and retention."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.core.cache import Cache
from newsreader.core.cache.maintenance import prune, stats_by_section, used_bytes, vacuum
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

HYDT = "新闻资讯/行业动态"
HYDT_PATH = "新闻资讯 / 行业动态"


def _titles(demo_site: DemoSite, column: str) -> list[str]:
    return [a.title for a in demo_site.articles if a.column == column]


def _age_all(cache_dir: Path, seconds: float) -> None:
    """Make everything cached look ``seconds`` older (a test-only shortcut past the API)."""
    conn = sqlite3.connect(cache_dir / "cache.sqlite3")
    with conn:
        for table in ("articles", "pages", "list_pages"):
            conn.execute(f"UPDATE {table} SET fetched_at = fetched_at - ?", (seconds,))
    conn.close()


def _search_urls(cli: Runner, query: str) -> list[str]:
    hits = cli.json("search", query)
    assert isinstance(hits, list)
    return [h["url"] for h in hits]


def test_cache_shows_path_size_and_sections(
    cli: Runner, cache_dir: Path, demo_site: DemoSite
) -> None:
    assert cli("sync", HYDT)[0] == 0
    report = cli.json("cache")
    assert isinstance(report, dict)
    assert report["path"] == str(cache_dir / "cache.sqlite3")
    assert report["bytes"] > 0
    assert report["articles"] == len(_titles(demo_site, "xwzx/hydt"))
    assert report["pages"] >= report["articles"]
    assert report["sections"] == {HYDT_PATH: report["articles"]}
    code, out, _ = cli("cache")
    assert code == 0
    assert str(cache_dir / "cache.sqlite3") in out and HYDT_PATH in out


def test_prune_days_keeps_starred_and_drops_search_rows(
    cli: Runner, cache_dir: Path, demo_site: DemoSite, demo_server: DemoServer
) -> None:
    assert cli("sync", HYDT)[0] == 0
    articles = [a for a in demo_site.articles if a.column == "xwzx/hydt"]
    starred, pruned = articles[0], articles[1]
    cache = Cache.open(cache_dir / "cache.sqlite3")
    cache.set_starred(demo_server.url(starred.path), True)
    cache.close()
    assert [u for u in _search_urls(cli, pruned.title) if u.endswith(pruned.path)]
    _age_all(cache_dir, 10 * 86_400)

    report = cli.json("cache", "--prune-days", "5", "--yes")
    assert isinstance(report, dict)
    assert report["pruned"]["articles"] == len(articles) - 1
    assert report["articles"] == 1 and report["starred"] == 1
    # The starred article's body links its older neighbour by title, so it may still match.
    assert not [u for u in _search_urls(cli, pruned.title) if u.endswith(pruned.path)]
    assert [u.endswith(starred.path) for u in _search_urls(cli, starred.title)] == [True]
    code, _, err = cli("--offline", "read", demo_server.url(starred.path), "--json")
    assert code == 0, err
    code, _, err = cli("--offline", "read", demo_server.url(pruned.path), "--json")
    assert code == 1 and err.count("\n") == 1


def test_prune_days_keeps_recent(cli: Runner, cache_dir: Path) -> None:
    assert cli("sync", HYDT)[0] == 0
    report = cli.json("cache", "--prune-days", "1", "--yes")
    assert isinstance(report, dict)
    assert report["pruned"] == {"articles": 0, "pages": 0, "list_pages": 0}


def test_prune_size_removes_oldest_first_and_vacuum_shrinks(
    cli: Runner, cache_dir: Path, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    assert cli("sync", "新闻资讯/新闻", "--pages", "3")[0] == 0
    cache = Cache.open(cache_dir / "cache.sqlite3")
    try:
        news = [a for a in demo_site.articles if a.column == "xwzx/xw"]
        keep = news[-1]
        cache.set_starred(demo_server.url(keep.path), True)
        before = used_bytes(cache)
        total = cache.article_count()
        removed = prune(cache, max_bytes=before // 2)
        assert 0 < removed < total
        assert used_bytes(cache) <= before // 2 or cache.article_count() == 1
        assert cache.get_article(demo_server.url(keep.path)) is not None
        size_before = cache.stats()["bytes"]
        vacuum(cache)
        assert cache.stats()["bytes"] < size_before
        # Prune to nothing: only the starred article survives.
        prune(cache, max_bytes=0)
        assert cache.article_count() == 1
        assert stats_by_section(cache) == {"新闻资讯 / 新闻": 1}
    finally:
        cache.close()


def test_cache_vacuum_from_the_cli(cli: Runner) -> None:
    assert cli("sync", HYDT)[0] == 0
    code, out, err = cli("cache", "--prune-size", "0", "--vacuum", "--yes")
    assert code == 0, err
    assert out.startswith("pruned: ") and "articles: 0" in out


def test_cache_bad_option_is_a_usage_error(cli: Runner) -> None:
    with pytest.raises(SystemExit) as info:
        cli("cache", "--prune-days", "-3")
    assert info.value.code == 2


def test_sync_applies_retention_days(
    cli: Runner, cache_dir: Path, tmp_path: Path, demo_site: DemoSite
) -> None:
    assert cli("sync", HYDT)[0] == 0
    _age_all(cache_dir, 40 * 86_400)
    config = tmp_path / "config.toml"
    config.write_text("retention_days = 30\n", encoding="utf-8")
    code, out, err = cli("--config", str(config), "sync", "协会工作/通知公告")
    assert code == 0, err
    assert f"pruned {len(_titles(demo_site, 'xwzx/hydt'))} articles" in out
    report = cli.json("cache")
    assert isinstance(report, dict)
    assert HYDT_PATH not in report["sections"]
    assert report["articles"] > 0
