"""What :meth:`Fetcher.get <newsreader.core.http.fetcher.Fetcher.get>` takes besides HTML pages of
its site.

By default a fetcher takes nothing more: a page off the site (another host, or another port of
its host) is refused before robots.txt is asked, and a body that is not HTML is bad content. A
source that must read further says so here, and only for itself: a feed's item pages live on
any host and the feed itself is XML or JSON, while a VSB site keeps the strict rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsreader.core.urls import same_site

__all__ = ["PagePolicy"]


@dataclass(frozen=True, slots=True)
class PagePolicy:
    """Pages a fetcher may take besides the HTML pages of its site.

    Attributes:
        also_allowed: Says whether a URL off the site may be fetched all the same (asked only
            for URLs off the site; every hop is still checked against robots.txt and waits
            for its host's turn; redirects still stay on the host first asked or the site).
        accepts: Says whether a body that is not HTML is a page all the same, given its media
            type (lower case, ``""`` when none) and its bytes (already capped and decoded).
    """

    also_allowed: Callable[[str], bool] | None = None
    accepts: Callable[[str, bytes], bool] | None = None

    def may_fetch(self, url: str, site_url: str) -> bool:
        """True when a page at ``url`` may be fetched: it is on the site, or allowed."""
        if same_site(url, site_url):
            return True
        return self.also_allowed is not None and self.also_allowed(url)

    def takes(self, media: str, body: bytes) -> bool:
        """True when a body that is not HTML is a page all the same (see :attr:`accepts`)."""
        return self.accepts is not None and self.accepts(media, body)
