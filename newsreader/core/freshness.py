"""The service's freshness policy: network first, the cache as the fallback, cache-only offline.

Every answer says where it came from (:class:`~newsreader.core.results.Freshness`): fresh from
the site, cached (offline), or stale (the site failed and the cache answered, with the error).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TypeVar

from newsreader.core.errors import FetchError, NotCached, ParseError
from newsreader.core.results import FetchedPage, Freshness, Result

T = TypeVar("T")

HINT_OFFLINE = "connect to the network and try again, or run `newsreader sync` while online"


async def network_first(
    offline: bool,
    fetch: Callable[[], Awaitable[Result[T]]],
    cached: Callable[[], Result[T] | None],
    *,
    what: str,
) -> Result[T]:
    """Try the network, fall back to the cache; offline, use the cache only.

    Args:
        offline: True when the network must not be touched.
        fetch: Fetches, parses and stores the answer.
        cached: The cached answer, or ``None``.
        what: The URL asked for (or a name such as the section tree), for the error.

    Raises:
        NotCached: Offline, and the cache has no answer.
        FetchError, ParseError: Online, the site failed and the cache has no answer.
    """
    if offline:
        hit = cached()
        if hit is None:
            raise NotCached(
                f"{what} is not in the cache; {HINT_OFFLINE}",
                reason="not_cached" if "://" in what else "sections_not_cached",
                facts={"url": what} if "://" in what else None,
            )
        return hit
    try:
        return await fetch()
    except (FetchError, ParseError) as err:
        hit = cached()
        if hit is None:
            raise
        return dataclasses.replace(hit, freshness=Freshness.STALE, error=err)


def raw_or_fail(page: FetchedPage) -> FetchedPage:
    """Return a page with text (a 304 has been completed from the cache by now).

    Raises:
        ParseError: The page has no text.
    """
    if not page.text:
        raise ParseError(f"empty page at {page.url}", url=page.url, reason="empty_page")
    return page


def asked_as(raw: FetchedPage, url: str) -> FetchedPage:
    """Key a fetched page by the URL it was asked for, not the one a redirect ended on.

    Lookups (validators for the next conditional GET, the site's name from its home page) go by
    the URL asked for; the final URL has already served to resolve the page's relative links.
    """
    return raw if raw.url == url else dataclasses.replace(raw, url=url)
