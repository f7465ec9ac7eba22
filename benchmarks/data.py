"""Benchmark data: demo and sample pages, and synthetic caches of any size (built in a temp dir).

Everything is generated offline (the demo site, :mod:`newsreader.demo`, and the corpus of
:mod:`benchmarks.corpus`), so a run needs no network and no fixture files; the real VSB samples
in ``../shared/vsb-samples`` are used when present.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsreader.core.cache import Cache
from newsreader.core.models import Article, Block
from newsreader.core.results import FetchedPage

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "vsb-samples"
DEMO_BASE = "http://127.0.0.1:48123/"
SITE = DEMO_BASE


@dataclass
class Row:
    """One line of the result table."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Context:
    """What the benchmarks share: options, the temp dir, and lazily built caches."""

    quick: bool
    tmp: Path
    big: int
    keep: Path | None = None
    extract_corpus: Path | None = None
    _caches: dict[int, Path] = field(default_factory=dict)

    def repeat(self, full: int, quick: int) -> int:
        """Return how many repetitions to make."""
        return quick if self.quick else full

    def cache_dir(self, count: int) -> Path:
        """Return a cache directory holding ``count`` synthetic articles (built once per run)."""
        if count not in self._caches:
            folder = (self.keep or self.tmp) / f"cache-{count}"
            if self.keep is not None and (folder / "cache.sqlite3").exists():
                self._caches[count] = folder
                return folder
            folder.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            build_cache(folder / "cache.sqlite3", count)
            took = time.perf_counter() - start
            print(f"  (built a {count:,}-article cache in {took:.1f} s)", file=sys.stderr)
            self._caches[count] = folder
        return self._caches[count]


def median_time(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Return the median wall time of ``fn()`` in seconds over ``repeat`` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(
    variants: dict[str, Callable[[], object]], repeat: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Time each variant ``repeat`` times, in rounds (A B C, A B C ...), in seconds.

    On a shared machine the speed drifts by tens of per cent within a minute: variants timed in
    blocks (A A A, B B B) compare different machines. Rounds put every variant in the same
    moments; compare them with :func:`ratio_median`.
    """
    for _ in range(warmup):
        for fn in variants.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, fn in variants.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def ratio_median(numerator: list[float], denominator: list[float]) -> float:
    """The median of the per-round ratios of two interleaved series."""
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def load_average() -> str:
    """The 1-minute load average, to print beside figures from a shared machine."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def decode(body: bytes, content_type_charset: str = "utf-8") -> str:
    """Decode a demo or sample page (BOM stripped, GB18030 fallback like the fetcher)."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        return body.decode(content_type_charset)
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")


@lru_cache(maxsize=4)
def demo_site(articles_per_section: int = 6) -> object:
    """Return a (memoised) :class:`~newsreader.demo.DemoSite`."""
    from newsreader.demo.site import DemoSite

    return DemoSite(articles_per_section=articles_per_section)


def demo_article_pages(articles_per_section: int = 6) -> list[tuple[str, str]]:
    """Return ``(url, html)`` of every article page of the demo site."""
    site = demo_site(articles_per_section)
    out: list[tuple[str, str]] = []
    for article in site.articles:  # type: ignore[attr-defined]
        path = f"/info/{article.tree_id}/{article.news_id}.htm"
        resource = site.resolve(path)  # type: ignore[attr-defined]
        assert resource is not None
        out.append((DEMO_BASE + path.lstrip("/"), decode(resource.body)))
    return out


def sample_article_pages() -> list[tuple[str, str]]:
    """Return ``(url, html)`` of the real VSB article samples, when the shared folder has them."""
    out: list[tuple[str, str]] = []
    for file in sorted(SAMPLES.glob("*article*.html")):
        # whu-news_article_info-1002-45084.html -> https://news.whu.edu.cn/info/1002/45084.htm
        site, _, rest = file.stem.partition("_article_info-")
        tree, _, news = rest.partition("-")
        host = site.split("-", 1)[-1]
        url = f"https://{host}.whu.edu.cn/info/{tree}/{news}.htm"
        out.append((url, decode(file.read_bytes())))
    return out


@lru_cache(maxsize=1)
def parsed_demo_articles() -> tuple[Article, ...]:
    """The demo site's articles, parsed: the material synthetic articles are made of."""
    from newsreader.core.parse import parse_article

    return tuple(parse_article(html, url) for url, html in demo_article_pages())


def synthetic_articles(count: int, seed: int = 1) -> Iterator[tuple[Article, float, None]]:
    """Yield ``count`` articles written over :mod:`benchmarks.corpus` (Zipf-drawn words, some
    Latin words, numbers, dates and URLs, varied lengths), with unique URLs and spread dates."""
    from benchmarks.corpus import Corpus

    writer = Corpus.build().writer(seed)
    base = parsed_demo_articles()
    start = 100_000
    for index in range(count):
        model = base[index % len(base)]
        title = writer.title()
        count_paragraphs = writer.paragraph_count()
        paragraphs = (Block("paragraph", writer.paragraph()) for _ in range(count_paragraphs))
        year = 2010 + index * 16 // max(count, 1)
        day = f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}"
        yield (
            dataclasses.replace(
                model,
                url=f"{SITE}info/{2000 + index % 30}/{start + index}.htm",
                title=title,
                date=day,
                published=f"{day} 09:00",
                blocks=(Block("heading", title, level=1), *paragraphs),
            ),
            1.0e9 + index,
            None,
        )


def build_cache(path: Path, count: int, batch: int = 2_000) -> Path:
    """Create a cache of ``count`` synthetic articles at ``path`` (the demo's sections too)."""
    from newsreader.core.models import Section

    cache = Cache.open(path)
    try:
        sections = (
            Section("新闻资讯", f"{SITE}xwzx.htm", (Section("新闻", NEWS_LIST),)),
            Section("通知公告", f"{SITE}tzgg.htm"),
        )
        cache.put_sections(SITE, sections, 1.0e9)
        items = synthetic_articles(count)
        while True:
            chunk = [item for _, item in zip(range(batch), items, strict=False)]
            if not chunk:
                break
            cache.put_articles(chunk)
    finally:
        cache.close()
    add_list_pages(path)
    return path


NEWS_LIST = f"{SITE}xwzx/xw.htm"


def add_list_pages(path: Path, size: int = 20) -> None:
    """Chain every cached article into list pages of 新闻 (``xw.htm``, ``xw/2.htm`` ...)."""
    import sqlite3

    from newsreader.core.cache import section_rows
    from newsreader.core.models import ListItem, ListPage

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        rows = conn.execute("SELECT title, url, date FROM articles ORDER BY id DESC").fetchall()
        urls = [NEWS_LIST] + [f"{SITE}xwzx/xw/{n}.htm" for n in range(2, len(rows) // size + 2)]
        conn.execute("BEGIN")
        for index, start in enumerate(range(0, len(rows), size)):
            items = tuple(ListItem(t, u, d) for t, u, d in rows[start : start + size])
            nxt = urls[index + 1] if start + size < len(rows) else None
            page = ListPage(urls[index], items, nxt, total=len(rows), column="新闻")
            section_rows.put_list_page(conn, page, 1.0e9)
        conn.execute("COMMIT")
    finally:
        conn.close()


def raw_page(url: str, html: str) -> FetchedPage:
    """A fetched page as the fetcher would return it."""
    return FetchedPage(url=url, status=200, text=html, fetched_at=time.time())


# The 20 sources of the multi-source cache: the demo site (2 in 5 articles), nine other VSB
# sites (one in 25 each), ten feeds (the rest), each feed's items on hosts of their own.
SOURCE_SITES = tuple([SITE] + [f"http://10.0.0.{n}/" for n in range(1, 10)])
SOURCE_FEEDS = tuple(f"http://feeds.example/{n}.xml" for n in range(10))
FEED_LIST_CAP = 1_000  # a feed document names at most this many items (FeedSource's cap)


def _owner(index: int) -> tuple[str, str]:
    """Return ``(kind, source URL)`` of the ``index``-th article of the multi-source cache."""
    slot = index % 25
    if slot < 10:
        return "vsb", SITE
    if slot < 19:
        return "vsb", SOURCE_SITES[slot - 9]
    return "feed", SOURCE_FEEDS[index % len(SOURCE_FEEDS)]


def build_sources_cache(path: Path, count: int, batch: int = 2_000) -> Path:
    """Create a cache of ``count`` synthetic articles spread over 20 sources at ``path``.

    VSB articles keep their ``info/T/N.htm`` URLs on their site; a feed's items live on
    ``news{n}.example`` hosts, are stored under the feed's key space, noted as the feed's, and its
    stored list names its newest :data:`FEED_LIST_CAP` items, as a feed synced for years leaves it.
    """
    import sqlite3

    from newsreader.core.cache import article_rows, feeds, section_rows
    from newsreader.core.models import ListItem, ListPage

    listed: dict[str, list[ListItem]] = {url: [] for url in SOURCE_FEEDS}
    Cache.open(path).close()  # the schema
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for index, (article, fetched_at, _) in enumerate(synthetic_articles(count)):
            kind, source = _owner(index)
            if kind == "vsb":
                url = article.url.replace(SITE, source)
            else:
                url = f"http://news{index % 7}.example/a/{index}.html"
                listed[source].append(ListItem(article.title, url, article.date))
            article_rows.put_article(conn, dataclasses.replace(article, url=url), fetched_at, kind)
            if index % batch == batch - 1:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
        for url, entries in listed.items():
            # Every item was the feed's once (its earlier documents), the newest are listed now.
            feeds.note_items(conn, url, ListPage(url, tuple(entries), None))
            newest = tuple(reversed(entries[-FEED_LIST_CAP:]))
            section_rows.put_list_page(conn, ListPage(url, newest, None, total=len(newest)), 1.0e9)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path
