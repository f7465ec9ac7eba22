"""A section's list over several pages: each article once, by identity, in the site's order.

Pagination shifts as news is added, so a site shows an article again on the next page (sometimes
in its other URL form). The CLI, export and the TUI all merge pages here, so they show one list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsreader.core.errors import NewsreaderError
from newsreader.core.models import ListItem, ListPage
from newsreader.core.results import Result


def merge_items(
    existing: Sequence[ListItem], page_items: Iterable[ListItem], *, key: Callable[[str], str]
) -> list[ListItem]:
    """Return ``existing`` followed by the items of ``page_items`` not already listed.

    Args:
        existing: The list shown so far (kept as it is, duplicates included).
        page_items: The next page's items, in site order.
        key: The article identity of a URL: two URLs with one key are one article.

    Returns:
        A new list; the first occurrence of an article wins (its title, date and URL form).
    """
    seen = {key(item.url) for item in existing}
    merged = list(existing)
    for item in page_items:
        ident = key(item.url)
        if ident not in seen:
            seen.add(ident)
            merged.append(item)
    return merged


@dataclass(frozen=True, slots=True)
class SectionList:
    """The pages of a section read so far, and their items merged.

    Attributes:
        items: Every article of the pages, once each, in site order.
        pages: The list pages read, in order, each with where it came from.
        missing: Why the page after the last one could not be read (neither fetched nor
            cached), or ``None`` when every page asked for (or the last page) was read.
    """

    items: tuple[ListItem, ...]
    pages: tuple[Result[ListPage], ...]
    missing: NewsreaderError | None = None
