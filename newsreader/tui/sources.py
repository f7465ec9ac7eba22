"""The sources the reader shows: a service each, all on the one cache of the app's service.

Plain Python (no Textual). The app's own service (the one the CLI opened) owns the cache and
reads the configured site; every source of the list gets a sibling service on that cache
(:meth:`NewsService.for_source`, as ``newsreader sync`` of every source does), so each source
has its own fetcher and polite queue, and one cache holds what all of them stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.core.sources import source_for
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.core.sources.registry import Registry, SourceEntry


@dataclass(frozen=True, slots=True)
class Shown:
    """One source on show: its entry in the list (``None``: the one-off site) and its service."""

    entry: SourceEntry | None
    service: NewsService

    @property
    def name(self) -> str:
        """The source's name in the list (the one-off site has none)."""
        return self.entry.name if self.entry is not None else ""

    @property
    def kind(self) -> str:
        """``"vsb"`` or ``"feed"``."""
        return self.service.kind


class SourceSet:
    """The sources on show, in the list's order, and the list they come from.

    Args:
        home: The app's service: it owns the cache and is closed last.
        registry: The list of sources, or ``None`` for the one site of ``home`` (``--site``).
        fixed: The list may not change (``--demo``'s own list).
    """

    def __init__(
        self, home: NewsService, registry: Registry | None, *, fixed: bool = False
    ) -> None:
        self.home = home
        self.registry = registry
        self.fixed = fixed
        self.shown: list[Shown] = []
        if registry is None:
            self.shown.append(Shown(None, home))
        else:
            for entry in registry.entries:
                self.shown.append(Shown(entry, self._service_for(entry)))

    @property
    def several(self) -> bool:
        """True when the sidebar shows each source as a node (a list, not the one-off site)."""
        return self.registry is not None and len(self.shown) != 1

    def _service_for(self, entry: SourceEntry) -> NewsService:
        source = source_for(entry.url, entry.kind)
        if source.kind == self.home.kind and source.home_url == self.home.site_url:
            return self.home
        return self.home.for_source(source)

    def add(self, registry: Registry, entry: SourceEntry) -> Shown:
        """Show ``entry``, just added to the (saved) ``registry``."""
        self.registry = registry
        shown = Shown(entry, self._service_for(entry))
        self.shown.append(shown)
        return shown

    async def remove(self, registry: Registry, name: str) -> None:
        """Stop showing the source ``name``, just removed from the (saved) ``registry``."""
        self.registry = registry
        gone = [s for s in self.shown if s.name == name]
        self.shown = [s for s in self.shown if s.name != name]
        for shown in gone:
            if shown.service is not self.home:
                await shown.service.aclose()

    def owner(
        self, url: str, reads: Callable[[NewsService, str], bool] | None = None
    ) -> NewsService | None:
        """The service to read ``url`` with, when the one on show does not.

        One that cached it first (the VSB site it is on, then a feed: a search hit or a star
        opens where it was read, offline too), else the VSB site it is on, else one that
        ``reads`` it (a feed that lists it), else none.

        Args:
            url: The article.
            reads: Whether a service reads an article (:meth:`ReadingState.reads`).
        """
        on_site = [s.service for s in self.shown if s.kind != "feed"]
        on_site = [service for service in on_site if same_site(url, service.site_url)]
        feeds = [s.service for s in self.shown if s.kind == "feed"]
        for service in (*on_site, *feeds):
            if service.cached_article(url) is not None:
                return service
        if on_site:
            return on_site[0]
        return next((s for s in feeds if reads is not None and reads(s, url)), None)

    def set_offline(self, offline: bool) -> None:
        """Switch every source's service between online and offline operation."""
        for service in {id(s.service): s.service for s in self.shown}.values():
            service.set_offline(offline)
        self.home.set_offline(offline)

    async def aclose(self) -> None:
        """Close every service, the one owning the cache last."""
        for shown in self.shown:
            if shown.service is not self.home:
                await shown.service.aclose()
        await self.home.aclose()
