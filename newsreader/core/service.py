"""NewsService: fetch -> parse -> store, for one source.

Network-first when online, with the cache as the fallback; cache-only when offline. Every answer
says where it came from (:class:`~newsreader.core.results.Freshness`). How pages are fetched and
read is the source's (:mod:`newsreader.core.sources`); what the reader keeps (marks, counts,
search, upkeep) is the :attr:`NewsService.library`'s, what a sync stores the
:attr:`NewsService.sync_store`'s: the CLI, the TUI and sync use these and never the cache.

httpx and selectolax are imported lazily, on the first network fetch and the first parse: the
offline path (``newsreader --offline read URL --json``) never pays for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from newsreader.core import lists
from newsreader.core.cache import Cache
from newsreader.core.config import Config
from newsreader.core.errors import FetchError, OfflineError, ParseError
from newsreader.core.freshness import HINT_OFFLINE, asked_as, network_first, raw_or_fail
from newsreader.core.library import Library
from newsreader.core.lists import SectionList
from newsreader.core.models import Article, ListItem, ListPage, Section
from newsreader.core.results import FetchedPage, Freshness, Result
from newsreader.core.saving import Notices, open_cache
from newsreader.core.sources import Source, page_policy, source_for
from newsreader.core.sync_store import SyncStore
from newsreader.core.urls import check_url

if TYPE_CHECKING:
    from newsreader.core.http.fetcher import Fetcher
    from newsreader.core.http.politeness import Politeness

T = TypeVar("T")


class NewsService:
    """Fetch, parse and cache the pages of one source (a site).

    Args:
        config: The run's configuration (site URL, offline flag, fetch settings).
        cache: An open cache.
        fetcher: A fetcher to use instead of building one on first need (tests inject one
            with an ``httpx.MockTransport``).
        source: The source to read; by default the one :func:`~newsreader.core.sources.source_for`
            picks for the configured site.
        owns_cache: Close the cache in :meth:`aclose` (False when services of several
            sources share one cache, as ``newsreader sync`` of every source does).
        politeness: The per-host gate and robots.txt rules of the run (default: made on first
            need; :meth:`for_source` hands it on).
    """

    def __init__(
        self,
        config: Config,
        cache: Cache,
        *,
        fetcher: Fetcher | None = None,
        source: Source | None = None,
        owns_cache: bool = True,
        politeness: Politeness | None = None,
    ) -> None:
        self.config = config
        self._owns_cache = owns_cache
        self.source = source if source is not None else source_for(config.site_url)
        self.site_url = self.source.home_url
        self.cache = cache
        self.notes: list[str] = []
        self._notices = Notices(self.notes)
        # Each kind of source keys its articles and marks in a key space of its own.
        self.kind = self.source.kind
        self.library = Library(cache, self._notices, self.kind)
        self.sync_store = SyncStore(cache, self.kind)
        self._fetcher = fetcher
        self._politeness = politeness
        self._offline = config.offline
        if cache.recovery_note:
            self.notes.append(cache.recovery_note)

    @classmethod
    def open(cls, config: Config, source: Source | None = None) -> NewsService:
        """Open the cache of ``config`` and build a service on it (reading ``source``, if given).

        A cache that cannot be written (read-only medium or directory, full disk) is opened
        read-only and serves what it holds; one that cannot be opened at all does not stop the
        program either: the service runs on an in-memory cache and says so in :attr:`notes`.
        """
        cache, note = open_cache(config.cache_path())
        service = cls(config, cache, source=source)
        if note:
            service.notes.append(note)
        return service

    def for_source(self, source: Source) -> NewsService:
        """Return a service reading ``source`` on this service's cache (which stays this one's).

        Both fetch under one politeness: a host both ask (a feed's items on a site's host) sees
        one polite queue. Close the sibling (its client) with :meth:`aclose` before this one.
        """
        config = dataclasses.replace(self.config, site_url=source.home_url)
        sibling = NewsService(
            config, self.cache, source=source, owns_cache=False, politeness=self.politeness()
        )
        sibling.set_offline(self._offline)
        return sibling

    def listen(self, sink: Callable[[str], None]) -> None:
        """Hand every note to ``sink``: those so far, then each as it arises (on this thread).

        Notes are one line each: a rebuilt or in-memory cache, and (once per run) that what
        was fetched or marked could not be saved (a read-only, full, locked or damaged cache
        never costs the user the page that was fetched).
        """
        self._notices.listen(sink)

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        """True when the service never touches the network."""
        return self._offline

    def set_offline(self, offline: bool) -> None:
        """Switch between online and offline operation."""
        self._offline = offline

    async def aclose(self) -> None:
        """Close the network client and the cache (when it is the service's own)."""
        if self._fetcher is not None:
            # Kept, closed: a straggling worker is told so, not handed a client none would close.
            await self._fetcher.aclose()
        if self._owns_cache:
            self.cache.close()

    def politeness(self) -> Politeness:
        """Return the per-host gate and robots.txt rules this service fetches under."""
        if self._politeness is None:
            from newsreader.core.http.politeness import Politeness

            self._politeness = Politeness(self.config.fetch)
        return self._politeness

    def _get_fetcher(self) -> Fetcher:
        if self._offline:
            raise OfflineError(f"offline: not fetching; {HINT_OFFLINE}", reason="offline_fetch")
        if self._fetcher is None:
            from newsreader.core.http.fetcher import Fetcher

            # A feed's fetcher may also fetch its items' pages, wherever they are.
            self._fetcher = Fetcher(
                self.config.fetch,
                site_url=self.site_url,
                policy=page_policy(self.source),
                politeness=self.politeness(),
            )
        return self._fetcher

    # --- instant cache reads --------------------------------------------------------------

    def cached_sections(self) -> Result[tuple[Section, ...]] | None:
        """Return the cached section tree, or ``None``; never touches the network."""
        hit = self.cache.get_sections(self.site_url)
        return None if hit is None else Result(hit[0], Freshness.CACHED, hit[1])

    def cached_list(self, url: str) -> Result[ListPage] | None:
        """Return a cached list page, or ``None``; never touches the network."""
        hit = self.cache.get_list_page(url)
        return None if hit is None else Result(hit[0], Freshness.CACHED, hit[1])

    def cached_article(self, url: str) -> Result[Article] | None:
        """Return a cached article, or ``None``; never touches the network."""
        hit = self.cache.get_article(url, self.kind)
        return None if hit is None else Result(hit[0], Freshness.CACHED, hit[1])

    # --- network first, cache as fallback -----------------------------------------------

    async def sections(self) -> Result[tuple[Section, ...]]:
        """Return the site's section tree, parsed from its home page's nav menu."""

        def parse(raw: FetchedPage) -> tuple[Section, ...]:
            sections = self.source.parse_sections(raw)
            if not sections:
                raise ParseError(
                    f"no navigation menu found on {raw.url}", url=raw.url, reason="no_nav"
                )
            self._notices.save(
                lambda: self.cache.put_sections(
                    self.site_url, sections, raw.fetched_at, asked_as(raw, self.site_url)
                )
            )
            return sections

        return await network_first(
            self._offline,
            lambda: self._fetch_parsed(
                self._home_page(),
                parse,
                lambda: self.cache.get_sections(self.site_url),
            ),
            self.cached_sections,
            what="the section tree",
        )

    async def _home_page(self) -> FetchedPage:
        """Fetch the page the source reads its section tree from."""

        async def fresh(url: str) -> FetchedPage:
            return await self._get_fetcher().get(url)

        return await self.source.home_page(self._fetch_page, fresh)

    async def list_page(self, url: str) -> Result[ListPage]:
        """Return one list page of a section (its items and the URL of the next page)."""
        self._check_url(url)

        def parse(raw: FetchedPage) -> ListPage:
            # Stored under the URL asked for, so that the next lookup finds it after redirects.
            parsed = dataclasses.replace(self.source.parse_list(raw), url=url)
            # A feed's items stay its own once listed, wherever they are (cache/feeds.py).
            feed = url if self.kind == "feed" else None
            self._notices.save(
                lambda: self.cache.put_list_page(parsed, raw.fetched_at, asked_as(raw, url), feed)
            )
            return parsed

        return await network_first(
            self._offline,
            lambda: self._fetch_parsed(
                self._fetch_page(url), parse, lambda: self.cache.get_list_page(url)
            ),
            lambda: self.cached_list(url),
            what=url,
        )

    async def article(self, url: str) -> Result[Article]:
        """Return an article, by either of its URL forms."""
        self._check_url(url)
        result, _status = await self.article_with_status(url)
        return result

    async def article_with_status(self, url: str) -> tuple[Result[Article], str]:
        """Return an article and what storing it did: ``new``, ``updated`` or ``unchanged``.

        The status is ``unchanged`` too when the cache could not store it (see :meth:`listen`).
        """
        status = "unchanged"

        def parse(raw: FetchedPage) -> Article:
            parsed = self.source.parse_article(raw)
            keyed = asked_as(raw, self.source.canonical_url(url))

            def store() -> None:
                nonlocal status
                status = self.cache.put_article(parsed, raw.fetched_at, keyed, self.kind)

            self._notices.save(store)
            return parsed

        result = await network_first(
            self._offline,
            lambda: self._fetch_parsed(
                self._fetch_article_page(url), parse, lambda: self.cache.get_article(url, self.kind)
            ),
            lambda: self.cached_article(url),
            what=url,
        )
        return result, status

    async def _fetch_parsed(
        self,
        fetching: Awaitable[FetchedPage],
        parse_and_store: Callable[[FetchedPage], T],
        stored: Callable[[], tuple[T, float] | None],
    ) -> Result[T]:
        """Finish a fetch: a 304 answers with the stored model, a 200 is parsed and stored."""
        page = await fetching
        if page.not_modified:
            hit = stored()
            if hit is not None:
                return Result(hit[0], Freshness.FRESH, page.fetched_at)
        raw = raw_or_fail(page)
        # Off the event loop: a hostile or huge page may take a while to parse, and the TUI's
        # input must stay live meanwhile. The cache serialises its own connection. asyncio is
        # imported here, not at the top: `newsreader --offline read` runs without it.
        import asyncio

        value = await asyncio.to_thread(parse_and_store, raw)
        self._notices.flush()  # a note that the page could not be stored, made in the thread
        return Result(value, Freshness.FRESH, raw.fetched_at)

    async def site_name(self) -> str | None:
        """Return the site's name (``SiteName`` META or ``<title>``) from the cached home page.

        Read and parsed in a thread: a home page may be megabytes, and the TUI asks on the event
        loop every time the section tree loads.
        """
        import asyncio

        def read() -> str | None:
            page = self.cache.get_page(self.site_url)
            if page is None or not page.text:
                return None
            return self.source.site_name(page.text)

        return await asyncio.to_thread(read)

    async def fetch_bytes(
        self, url: str, *, max_bytes: int | None = None
    ) -> tuple[bytes, Mapping[str, str], str]:
        """Fetch any resource (an attachment) as bytes; never cached.

        Args:
            url: An absolute http(s) URL.
            max_bytes: Cap on the body; default the fetch settings' ``max_body``.

        Returns:
            ``(body, headers, final_url)``; header names are matched case-insensitively.

        Raises:
            OfflineError: The service is offline.
            FetchError: The fetch failed.
        """
        self._check_url(url)
        fetcher = self._get_fetcher()
        return await fetcher.get_bytes(url, max_bytes=max_bytes)

    # --- sections and lists ---------------------------------------------------------------

    async def section_url(self, spec: str) -> str:
        """Return the list-page URL a ``SECTION`` argument names (see :func:`lists.section_url`)."""
        return await lists.section_url(self, spec)

    async def section_list(self, url: str, pages: int) -> SectionList:
        """Return up to ``pages`` list pages from ``url``, merged (:func:`lists.section_list`)."""
        return await lists.section_list(self, url, pages)

    def merge_items(
        self, existing: Sequence[ListItem], page_items: Iterable[ListItem]
    ) -> list[ListItem]:
        """Return ``existing`` and the next page's items not already in it (by identity)."""
        return lists.merge_items(existing, page_items, key=self.source.article_key)

    def merge_pages(self, pages: Iterable[Iterable[ListItem]]) -> list[ListItem]:
        """Return the items of successive list pages, each article once (by identity)."""
        return lists.merge_pages(pages, key=self.source.article_key)

    # --- plumbing -----------------------------------------------------------------------

    def _check_url(self, url: str) -> None:
        check_url(url)

    async def _fetch_page(self, url: str) -> FetchedPage:
        """Fetch ``url``, conditionally when the cache holds a copy with validators."""
        fetcher = self._get_fetcher()
        cached = self.cache.get_page(url)
        etag = cached.etag if cached else None
        modified = cached.last_modified if cached else None
        page = await fetcher.get(url, etag=etag, last_modified=modified)
        if page.not_modified:
            if cached is None:
                # A 304 we did not ask for: treat it as an unusable answer.
                raise FetchError(
                    f"unexpected 304 Not Modified for {url}", url=url, reason="unexpected_304"
                )
            self._notices.save(lambda: self.cache.touch_page(url, page.fetched_at, self.kind))
            return dataclasses.replace(page, text=cached.text, url=cached.url)
        return page

    async def _fetch_article_page(self, url: str) -> FetchedPage:
        """Fetch an article page the way its source serves it best, conditionally."""
        return await self.source.fetch_article(url, self._fetch_page)

    async def fetch_article_page(
        self, url: str, known: Mapping[str, tuple[str | None, str | None]]
    ) -> FetchedPage:
        """Fetch an article page for sync, conditionally with validators looked up beforehand.

        Unlike :meth:`article`, nothing is read from the cache here (sync reads the
        validators of a list page's articles in one query) and a 304 comes back with no text,
        under the URL it was asked for (the key of the stored copy).

        Args:
            url: Either URL form of the article.
            known: ``(etag, last_modified)`` by URL, from :meth:`SyncStore.validators`.

        Raises:
            FetchError: The fetch failed.
        """
        fetcher = self._get_fetcher()

        async def fetch(target: str) -> FetchedPage:
            etag, modified = known.get(target, (None, None))
            page = await fetcher.get(target, etag=etag, last_modified=modified)
            # A 304 is about the copy stored under the URL asked for, even after a redirect.
            return dataclasses.replace(page, url=target) if page.not_modified else page

        return await self.source.fetch_article(url, fetch)
