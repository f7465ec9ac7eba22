"""Adding a source from a URL: what ``newsreader add`` and the reader's ``a`` key both do.

The URL is checked, looked up in the list (a source already there is not added twice, also when
the URL is a page advertising it), detected (:func:`~newsreader.core.sources.detect.detect_source`)
and appended to the list under its given name or its title. The caller saves the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.core.errors import OfflineError, UsageError

if TYPE_CHECKING:
    from newsreader.core.config import FetchSettings
    from newsreader.core.sources.registry import Registry, SourceEntry


@dataclass(frozen=True, slots=True)
class Added:
    """What adding a URL did.

    Attributes:
        entry: The source added, or the one already listed.
        registry: The list with the source (unsaved), or the same list when it was there.
        already: True when the source was listed already (nothing changed).
    """

    entry: SourceEntry
    registry: Registry
    already: bool


async def add_source(
    registry: Registry,
    text: str,
    name: str | None,
    fetch: FetchSettings,
    *,
    offline: bool = False,
) -> Added:
    """Detect the source at ``text`` (a URL; ``https://`` is assumed without a scheme).

    Args:
        registry: The list to add to.
        text: The URL as typed.
        name: The name wanted, or ``None`` for the site's or the feed's title.
        fetch: The fetch settings (caps, timeouts, politeness).
        offline: The run is offline: nothing is fetched.

    Raises:
        UsageError: A bad URL or name, a name taken, or a full list.
        OfflineError: Offline, and the source is not listed yet.
        NetworkError: The URL cannot be fetched.
        ParseError: Nothing readable was found at the URL.
    """
    from newsreader.core.sources.detect import detect_source
    from newsreader.core.sources.registry import check_name, make_entry
    from newsreader.core.urls import check_url, host_of

    text = text.strip()
    url = check_url(text if "://" in text else f"https://{text}")
    wanted = check_name(name) if name is not None else None
    known = registry.same_source(url)
    if known is not None:
        return Added(known, registry, already=True)
    if wanted is not None and registry.find(wanted) is not None:
        raise UsageError(
            f"the name {wanted!r} is taken by another source",
            reason="name_taken",
            facts={"name": wanted},
        )
    if offline:
        raise OfflineError(
            f"offline: cannot look at {url} to add it", reason="offline_add", facts={"url": url}
        )
    from newsreader.core.http.fetcher import Fetcher

    async with Fetcher(fetch, site_url=url) as fetcher:
        found = await detect_source(url, fetcher.get_bytes)
    known = registry.same_source(found.url)
    if known is not None:
        return Added(known, registry, already=True)
    entry = make_entry(
        wanted or registry.unique_name(found.title or host_of(found.url) or found.url),
        found.url,
        found.kind,
    )
    return Added(entry, registry.added(entry), already=False)
