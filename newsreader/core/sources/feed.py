"""Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed) as a kind of source, read for their full articles.

* **Home, sections, list.** The feed's URL is its home; its one section is the feed itself,
  named by the feed's title; its one list page is the parsed feed: entries newest first, at most
  :data:`~newsreader.core.sources.feed_parse.MAX_FEED_ITEMS`, each dated by its day in China
  (+08:00). No item is external: every one is read through the feed.
* **Identity.** The feed dedupes its entries by their id (``guid``), else their link. An item's
  URL is its link (else its id when that is an http(s) URL, else ``{feed URL}#entry={id}``: an
  entry that lives only in the feed); its article is stored under that URL with the fragment
  dropped, except in that last form (see :func:`item_key` and
  :func:`newsreader.core.sources.cache_key`: ``feed:`` + the URL, a key space of its own).
* **Full text.** An item's page is fetched wherever it is (the fetcher's
  :class:`~newsreader.core.http.policy.PagePolicy` lets this source's fetcher go to the hosts of
  the feed's items, with the same caps, robots.txt and per-host politeness) and read by the VSB
  parser when it is a VSB page, by the generic (densest text) extraction otherwise. Links found
  in those pages are never followed (their 上一条/下一条 are dropped). The feed's own content is
  the article only when the page cannot be had or yields (almost) no text
  (:data:`MIN_PAGE_TEXT`).

The parsers (feedparser, selectolax) are imported on the first parse, as for VSB sites.
"""

from __future__ import annotations

import dataclasses
import json
import time
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from newsreader.core.errors import FetchError, OffSiteError, ParseError
from newsreader.core.models import Article, ListItem, ListPage, Section
from newsreader.core.results import FetchedPage
from newsreader.core.sources.base import Fetch
from newsreader.core.urls import SiteKey, check_url, host_of, same_site, site_key

if TYPE_CHECKING:
    import asyncio

    from newsreader.core.http.policy import PagePolicy
    from newsreader.core.sources.feed_parse import FeedEntry, ParsedFeed

KIND = "feed"
MAX_LIST_ITEMS = 1000
"""Entries the feed's list gives at most (:data:`feed_parse.MAX_FEED_ITEMS`, kept in step)."""
MIN_PAGE_TEXT = 50
"""Characters of body text under which an item's page counts as empty (a login wall, a page
that is all script): the feed's own content is shown instead when it has more."""
ENTRY_TYPE = "application/x-newsreader-feed-entry+json"
"""The content type of the page an entry's own content is handed on as, when its item page
cannot be had: the entry as JSON."""
_MAX_REDIRECTS_KEPT = 4096
ENTRY_FRAGMENT = "entry="
"""The fragment of an entry that lives only in its feed starts so (``feed_parse`` writes it)."""


def is_entry_url(url: str) -> bool:
    """True when ``url`` has the form of an entry that lives only in its feed (``…#entry=ID``)."""
    if "#" not in url:
        return False
    try:
        return urldefrag(url)[1].startswith(ENTRY_FRAGMENT)
    except ValueError:
        return False


def item_key(url: str) -> str:
    """Return the URL a feed item is stored and shown under: ``url`` without its fragment, or
    whole for an entry that lives only in its feed (``https://h/feed.xml#entry=ID``)."""
    if is_entry_url(url):
        return url
    try:
        return str(urldefrag(url).url)
    except ValueError:
        return url


class FeedSource:
    """A feed, read for its items' full articles (see the module's docstring).

    Args:
        feed_url: The feed's URL (its fragment dropped).

    Raises:
        UsageError: ``feed_url`` is not a fetchable http(s) URL.
    """

    kind = KIND
    max_list_items = MAX_LIST_ITEMS

    def __init__(self, feed_url: str) -> None:
        self.home_url = str(urldefrag(check_url(feed_url.strip(), "feed URL")).url)
        self.title: str | None = None
        # What the last parse of the feed found; replaced whole (parses run in threads).
        self._entries: dict[str, FeedEntry] = {}
        self._sites: frozenset[SiteKey] = frozenset()
        self._redirected: dict[str, str] = {}
        self._reads = 0  # readings of the feed so far: a reread waits for one under way
        self._rereading: asyncio.Lock | None = None

    # --- identity ------------------------------------------------------------------------

    def article_key(self, url: str) -> str:
        """Return the item's URL as stored (see :func:`item_key`)."""
        return item_key(url)

    def canonical_url(self, url: str) -> str:
        """Return the item's URL as stored (see :func:`item_key`)."""
        return item_key(url)

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` is an item of the feed as last read."""
        return self.canonical_url(url) in self._entries

    # --- what this source's fetcher may fetch -----------------------------------------------

    def allows_page(self, url: str) -> bool:
        """True when ``url`` is on the feed's site or on the site of one of its items."""
        key = site_key(url)
        return key is not None and (same_site(url, self.home_url) or key in self._sites)

    def page_policy(self) -> PagePolicy:
        """Return the fetcher policy of this source: item hosts allowed, feeds accepted."""
        from newsreader.core.http.policy import PagePolicy
        from newsreader.core.sources.feed_sniff import looks_like_feed

        return PagePolicy(
            also_allowed=self.allows_page,
            accepts=lambda _media, body: looks_like_feed(body) is not None,
        )

    # --- fetching ------------------------------------------------------------------------

    async def home_page(self, fetch: Fetch, fetch_fresh: Fetch) -> FetchedPage:
        """Fetch the feed."""
        return await fetch(self.home_url)

    async def fetch_article(self, url: str, fetch: Fetch) -> FetchedPage:
        """Fetch an item's page; hand on the entry's own content when the page cannot be had.

        Raises:
            OffSiteError: ``url`` is neither an item of the feed nor on the feed's site.
            FetchError: The page cannot be had and the feed has no content for it.
        """
        target = self.canonical_url(url)
        entry = self._entries.get(target)
        if entry is None:
            entry = await self._reread(target, fetch)
        if entry is not None and not entry.linked:
            return self._entry_page(entry)  # it lives only in the feed
        if entry is None and not same_site(target, self.home_url):
            raise OffSiteError(
                f"not fetching {target}: it is not an item of the feed",
                url=url,
                reason="not_a_feed_item",
                facts={"url": target},
            )
        try:
            page = await fetch(target)
        except FetchError:
            if entry is None or not entry.html:
                raise
            return self._entry_page(entry)
        if page.url != target:
            if len(self._redirected) >= _MAX_REDIRECTS_KEPT:
                self._redirected.clear()
            self._redirected[page.url] = target
        return page

    async def _reread(self, target: str, fetch: Fetch) -> FeedEntry | None:
        """Read the feed again for an item not known (yet): a new run, a newer item.

        One reading at a time, and none after one that ended while this waited for its turn:
        the items of a sync whose list came from the cache (the feed answered 304) all miss
        at once, and the feed's host must not be asked for the feed once per item.
        """
        import asyncio

        if self._rereading is None:
            self._rereading = asyncio.Lock()
        before = self._reads
        async with self._rereading:
            if self._reads != before:
                return self._entries.get(target)
            page = await fetch(self.home_url)
            if not page.text:
                return None
            try:
                await asyncio.to_thread(self._read, page)
            except ParseError:
                return None
        return self._entries.get(target)

    def _entry_page(self, entry: FeedEntry) -> FetchedPage:
        published = entry.published.isoformat() if entry.published else None
        fields = dataclasses.asdict(entry) | {"published": published}
        return FetchedPage(
            url=entry.url,
            status=200,
            text=json.dumps(fields, ensure_ascii=False),
            content_type=ENTRY_TYPE,
            fetched_at=time.time(),
        )

    # --- parsing -------------------------------------------------------------------------

    def _read(self, page: FetchedPage) -> ParsedFeed:
        from newsreader.core.sources.feed_parse import parse_feed

        feed = parse_feed(page.text, page.url)
        self.title = feed.title or self.title
        self._entries = {self.canonical_url(e.url): e for e in feed.entries}
        self._sites = frozenset(key for e in feed.entries if (key := site_key(e.url)))
        self._reads += 1
        return feed

    def parse_sections(self, page: FetchedPage) -> tuple[Section, ...]:
        """Return the one section: the feed, named by its title (else its host)."""
        feed = self._read(page)
        return (Section(feed.title or host_of(self.home_url) or self.home_url, self.home_url),)

    def parse_list(self, page: FetchedPage) -> ListPage:
        """Return the feed's items, newest first, dated by their day in China.

        Raises:
            ParseError: The page is no feed.
        """
        from newsreader.core.parse.dates import china_day

        feed = self._read(page)
        items = tuple(
            ListItem(
                title=entry.title,
                url=self.canonical_url(entry.url),
                date=china_day(entry.published) if entry.published else None,
            )
            for entry in feed.entries
        )
        return ListPage(
            url=page.url,
            items=items,
            column=feed.title or None,
            skipped=feed.skipped,
            truncated=feed.truncated,
        )

    def parse_article(self, page: FetchedPage) -> Article:
        """Return the article of an item: its page read, or the feed's content for it.

        Raises:
            ParseError: The page holds no article and the feed has no content for it.
        """
        from newsreader.core.sources.feed_article import entry_article, page_article

        if page.content_type == ENTRY_TYPE:
            return entry_article(_entry_from_json(page), self.title)
        asked = self._redirected.get(page.url, page.url)
        entry = self._entries.get(self.canonical_url(asked))
        return page_article(page, self.canonical_url(asked), entry, self.title)

    def site_name(self, html: str) -> str | None:
        """Return the feed's title, or ``None``.

        The title of the feed as last read when there is one: the TUI asks every time the
        sidebar loads, and reading a feed of a thousand entries again takes a while.
        """
        if self.title:
            return self.title
        from newsreader.core.sources.feed_parse import parse_feed

        try:
            return parse_feed(html, self.home_url).title or None
        except ParseError:
            return None


def _entry_from_json(page: FetchedPage) -> FeedEntry:
    """Return the entry a page made by :meth:`FeedSource._entry_page` holds."""
    from newsreader.core.sources.feed_parse import FeedEntry

    try:
        data = json.loads(page.text)
        published = data.get("published")
        return FeedEntry(
            key=str(data["key"]),
            url=str(data["url"]),
            title=str(data["title"]),
            published=datetime.fromisoformat(published) if published else None,
            stamp=data.get("stamp"),
            author=data.get("author"),
            html=str(data.get("html") or ""),
            linked=bool(data.get("linked", True)),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ParseError(
            f"unreadable feed entry for {page.url}",
            url=page.url,
            reason="unreadable_entry",
            facts={"url": page.url},
        ) from exc
