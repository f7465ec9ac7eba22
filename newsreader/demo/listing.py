"""A demo VSB site's list pages, as both its templates lay them out: :class:`ColumnLists`.

A column's list pages count down, as VSB numbers them: page 1 is ``{column}.htm`` and page ``k``
of ``N`` is ``{column}/{N-k+1}.htm``, so the newest page keeps its address while older ones are
added. The templates differ in their HTML, not in these paths, the links between the pages or
the order of a column's articles, which are kept here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

from newsreader.demo.structure import Column

__all__ = [
    "ColumnLists",
    "list_prefix",
    "neighbours",
    "page_href",
    "previous_text",
]

E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)


class ColumnLists(Generic[E_co]):
    """The list pages of every column of a site: their paths and what each one lists.

    Args:
        columns: The site's leaf columns.
        entries: Each column's list entries (by its path), newest first.
        page_size: Entries per list page.
    """

    def __init__(
        self, columns: Sequence[Column], entries: Mapping[str, Sequence[E_co]], page_size: int
    ) -> None:
        self._entries = {c.path: list(entries[c.path]) for c in columns}
        self._page_size = page_size
        self._pages: dict[str, tuple[Column, int]] = {}
        for column in columns:
            for number, path in enumerate(self.paths(column.path), start=1):
                self._pages[path] = (column, number)

    def entries(self, column_path: str) -> list[E_co]:
        """Return a column's list entries, newest first."""
        return list(self._entries[column_path])

    def page_count(self, column_path: str) -> int:
        """Return the number of list pages of a column."""
        return max(1, -(-len(self._entries[column_path]) // self._page_size))

    def paths(self, column_path: str) -> list[str]:
        """Return the site paths of a column's list pages, in reading order (countdown)."""
        pages = self.page_count(column_path)
        rest = [f"{column_path}/{pages - k + 1}.htm" for k in range(2, pages + 1)]
        return [f"{column_path}.htm", *rest]

    def page_at(self, path: str) -> tuple[Column, int] | None:
        """Return the column and the number of the list page at site path ``path``, if any."""
        return self._pages.get(path)

    def page(self, column_path: str, number: int) -> list[E_co]:
        """Return the entries list page ``number`` (1-based) of a column shows."""
        size = self._page_size
        return self._entries[column_path][(number - 1) * size : number * size]


def neighbours(siblings: Sequence[E], item: E) -> tuple[E | None, E | None]:
    """Return the items listed before (newer) and after (older) ``item`` in ``siblings``."""
    index = siblings.index(item)
    newer = siblings[index - 1] if index > 0 else None
    older = siblings[index + 1] if index + 1 < len(siblings) else None
    return newer, older


def list_prefix(column: Column, page: int) -> str:
    """Return the way back to the site's root from list page ``page`` of ``column``."""
    return "../" * (column.path.count("/") + (1 if page > 1 else 0))


def page_href(column: Column, page: int, pages: int, target: int) -> str:
    """Return the link from list page ``page`` of ``pages`` to list page ``target``.

    Page 1 lives in the column's directory, the numbered pages one level down.
    """
    leaf = column.path.rsplit("/", 1)[-1]
    if page == 1:
        return f"{leaf}.htm" if target == 1 else f"{leaf}/{pages - target + 1}.htm"
    return f"../{leaf}.htm" if target == 1 else f"{pages - target + 1}.htm"


def previous_text(column: Column) -> str:
    """Return the previous-page link's text: 上一页 beside 下一页, else 上页 beside 下页."""
    return "上一页" if column.next_text == "下一页" else "上页"
