"""What a usage error about sections adds when another of the user's sources is the answer.

``list 综合新闻`` on the default source, when 综合新闻 is a section of another source, says
which source has it and how to ask for it (``--source NAME``); ``list`` or ``feed`` without a
section names the user's feed sources, which take none. Only section trees already in the cache
are looked at: an error message never fetches anything.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsreader.core.errors import ConfigError, UsageError
from newsreader.core.sections import find_section

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.core.sources.registry import Registry, SourceEntry

# The reason a missing section gets when the user has feed sources (which take none).
_WITH_FEEDS = {
    "list_needs_section": "list_needs_section_feeds",
    "feed_needs_section": "feed_needs_section_feeds",
}

NAMES_SHOWN = 5
"""Sources named in a hint; more are cut to an ellipsis."""

# A name the shell reads as one word as it is (Chinese included): shown without quotes.
_PLAIN_WORD = re.compile(r"[^\s'\"\\$`!*?&|;<>()\[\]{}#~]+")


def shell_word(name: str) -> str:
    """Return ``name`` as typed after ``--source``: as is, or quoted when the shell needs it."""
    return name if _PLAIN_WORD.fullmatch(name) else shlex.quote(name)


async def with_source_hint(
    err: UsageError, service: NewsService, registry: Callable[[], Registry]
) -> UsageError:
    """Return ``err``, or the same error saying which of the user's sources answers it.

    Args:
        err: The usage error a command raised.
        service: The run's service (its cache holds the other sources' section trees).
        registry: Reads the run's list of sources (only called for a section error).

    Returns:
        A ``no_section_elsewhere`` error when a source whose tree is cached has the section,
        a ``*_needs_section_feeds`` error when a section is missing and the user has feed
        sources, else ``err`` itself.
    """
    if err.reason != "no_section" and err.reason not in _WITH_FEEDS:
        return err
    try:
        entries = registry().entries
    except ConfigError:
        # An unreadable list of sources has no hint to give; the commands that read the list
        # say what is wrong with it.
        return err
    if err.reason == "no_section":
        spec = str(err.facts["section"])
        owners = [e.name for e in entries if e.kind == "vsb" and await _has(service, e, spec)]
        if not owners:
            return err
        return UsageError(
            f"{err.message}; {', '.join(owners)} has it: add --source {shell_word(owners[0])}",
            reason="no_section_elsewhere",
            facts={
                "section": spec,
                "sources": _names(owners),
                "source": shell_word(owners[0]),
            },
        )
    feeds = [e.name for e in entries if e.kind == "feed"]
    if not feeds:
        return err
    return UsageError(
        f"{err.message}; a feed source takes --source NAME and no SECTION",
        reason=_WITH_FEEDS[err.reason],
        facts={"feeds": _names([shell_word(name) for name in feeds])},
    )


async def _has(service: NewsService, entry: SourceEntry, spec: str) -> bool:
    """Whether ``entry``'s cached section tree has a section ``spec`` names (no fetching)."""
    from newsreader.cli.sources import source_of

    sibling = service.for_source(source_of(entry))
    try:
        cached = sibling.cached_sections()
    finally:
        await sibling.aclose()
    if cached is None:
        return False
    try:
        find_section(cached.value, spec)
    except UsageError as err:
        # Two sections of that name there: `--source` leads to the question which one.
        return err.reason == "ambiguous_section"
    return True


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + ", …" if len(names) > NAMES_SHOWN else shown
