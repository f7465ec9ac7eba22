"""A feed item's article shows its date as VSB articles do and its author once: the moment the
feed names in China time (``2026-01-28 14:30``, a day alone when the feed gave no time), never
the feed's ``Wed, 28 Jan 2026 14:30:00 +0800``; on pages read in full, from the feed's own
content, from RSS and Atom, on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from dated_feeds import AUTHOR, ENGLISH_DATE_WORDS, DatedFeeds, dated_feeds

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.models import Article
from newsreader.core.parse.dates import CHINA
from newsreader.core.render.atom import article_time
from newsreader.core.render.labels import ZH
from newsreader.core.render.text import article_to_text
from newsreader.core.service import NewsService
from newsreader.core.sources import source_for
from newsreader.core.sources.feed_article import MAX_STAMP_CHARS, entry_time
from newsreader.core.sources.feed_parse import FeedEntry

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)


@pytest.fixture(scope="module")
def feeds() -> Iterator[DatedFeeds]:
    with dated_feeds() as running:
        yield running


async def read_all(feed_url: str, cache_dir: Path) -> dict[str, Article]:
    config = Config(site_url=feed_url, cache_dir=cache_dir, fetch=FAST)
    service = NewsService(
        config, Cache.open(config.cache_path()), source=source_for(feed_url, kind="feed")
    )
    try:
        page = (await service.list_page(feed_url)).value
        return {item.title: (await service.article(item.url)).value for item in page.items}
    finally:
        await service.aclose()


def shown(article: Article) -> list[tuple[str, str]]:
    return ZH.meta(article)


async def test_rss_items_show_china_time_and_the_author_once(
    feeds: DatedFeeds, cache_dir: Path
) -> None:
    articles = await read_all(feeds.rss_url, cache_dir)
    # Read from its page (generic), whose 责任编辑 is the feed's author again.
    page = articles["通用页面的新闻"]
    assert "正文在这里" in page.body
    assert shown(page) == [("来源", AUTHOR), ("发布日期", "2026-01-28 14:30")]
    # From the feed's own content: CST is China time; GMT is converted to it (next day).
    assert shown(articles["北京时间CST"]) == [("来源", AUTHOR), ("发布日期", "2026-01-26 16:43")]
    gone = articles["页面已删除"]
    assert "订阅里的全文" in gone.body
    assert (gone.date, gone.published) == ("2026-01-28", "2026-01-28 06:30")
    # No time in the feed: the day alone, not a made-up midnight.
    assert articles["只有日期"].published == "2026-01-20"
    # A date no parser reads: shown as written, sanitized (the bidi override is gone).
    unread = articles["读不懂的日期"]
    assert (unread.date, unread.published) == (None, "上周三下午")
    # A VSB page keeps its own date and 来源; the author is then its 责任编辑, once.
    vsb = articles["校园招聘会通知"]
    assert shown(vsb) == [
        ("来源", "学生就业指导中心"),
        ("发布日期", "2026-01-25 17:23"),
        ("责任编辑", AUTHOR),
    ]
    for article in articles.values():
        head = article_to_text(article, labels=ZH).split("\n\n", 1)[0]
        assert not ENGLISH_DATE_WORDS.search(head), head
        assert head.count(AUTHOR) == 1, head


async def test_atom_entries_show_china_time(feeds: DatedFeeds, cache_dir: Path) -> None:
    articles = await read_all(feeds.atom_url, cache_dir)
    for title in ("原子通用页面", "原子页面已删除"):
        article = articles[title]
        assert shown(article) == [("来源", AUTHOR), ("发布日期", "2026-01-28 14:30")], title
        assert not ENGLISH_DATE_WORDS.search(article_to_text(article, labels=ZH))


async def test_the_atom_feed_of_a_feed_item_keeps_its_moment(
    feeds: DatedFeeds, cache_dir: Path
) -> None:
    articles = await read_all(feeds.rss_url, cache_dir)
    moments = {
        title: article_time(articles[title].date, articles[title].published)
        for title in ("通用页面的新闻", "北京时间CST", "页面已删除", "只有日期")
    }
    assert moments == {
        "通用页面的新闻": datetime(2026, 1, 28, 14, 30, tzinfo=CHINA),
        "北京时间CST": datetime(2026, 1, 26, 16, 43, tzinfo=CHINA),
        # 22:30 GMT is 06:30 the next day in China, not 22:30 of that day.
        "页面已删除": datetime(2026, 1, 28, 6, 30, tzinfo=CHINA),
        "只有日期": datetime(2026, 1, 20, tzinfo=CHINA),
    }


def test_a_long_unreadable_date_is_cut_not_dropped() -> None:
    entry = FeedEntry(key="k", url="http://h.test/1", title="t", stamp="某" * 500)
    shown_stamp = entry_time(entry)
    assert shown_stamp is not None and len(shown_stamp) == MAX_STAMP_CHARS
    assert shown_stamp.startswith("某某") and shown_stamp.endswith("…")
    assert entry_time(FeedEntry(key="k", url="http://h.test/1", title="t")) is None
