"""Messages the TUI's widgets and workers post; the main screen handles them all.

Widgets say what the user asked for (``SectionSelected``, ``ArticleSelected``, ``LoadMore`` ...)
and workers say what arrived (``SectionsLoaded``, ``ListLoaded``, ``ArticleLoaded`` ...). Neither
touches another widget: one handler per message on the screen keeps the flow in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message

from newsreader.core.models import Article, ListPage, Section
from newsreader.core.results import Result, SyncSummary
from newsreader.tui.render import LinkTarget, RenderedArticle

if TYPE_CHECKING:
    from newsreader.core.sync import SyncProgress


class SectionSelected(Message):
    """The user opened a section (Enter or a click in the tree)."""

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section


class StarredSelected(Message):
    """The user opened the starred-articles pseudo-section."""


class ArticleSelected(Message):
    """The user asked to read an article (list, search, a link in the reader, n/p)."""

    def __init__(self, url: str, title: str = "") -> None:
        super().__init__()
        self.url = url
        self.title = title


class LoadMore(Message):
    """The list cursor reached the last row and there is a next list page."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class LinkChosen(Message):
    """The user picked a link, an attachment or a neighbour in the reader."""

    def __init__(self, target: LinkTarget) -> None:
        super().__init__()
        self.target = target


class SectionsLoaded(Message):
    """A worker fetched the section tree."""

    def __init__(self, result: Result[tuple[Section, ...]]) -> None:
        super().__init__()
        self.result = result


class ListLoaded(Message):
    """A worker fetched a list page.

    Attributes:
        key: The section URL the list belongs to (so late answers for another section are
            dropped).
        result: The page.
        append: True for a next page (appended), False for the first page (replaces the list).
    """

    def __init__(self, key: str, result: Result[ListPage], *, append: bool) -> None:
        super().__init__()
        self.key = key
        self.result = result
        self.append = append


class ArticleLoaded(Message):
    """A worker fetched an article."""

    def __init__(self, url: str, result: Result[Article]) -> None:
        super().__init__()
        self.url = url
        self.result = result


class ArticleRendered(Message):
    """A thread worker rendered an article and wrapped it to the reader's width.

    Attributes:
        rendered: The article's content.
        result: The article and where it came from.
        lines: The content wrapped to ``width`` cells.
        width: The reader width the worker wrapped for.
    """

    def __init__(
        self,
        rendered: RenderedArticle,
        result: Result[Article],
        lines: list[Content],
        width: int,
    ) -> None:
        super().__init__()
        self.rendered = rendered
        self.result = result
        self.lines = lines
        self.width = width


class LoadFailed(Message):
    """A worker failed; the screen reports it once and resets the pane's loading state.

    Attributes:
        what: ``sections``, ``list``, ``more`` or ``article``.
        key: The URL concerned.
        error: The exception.
    """

    def __init__(self, what: str, key: str, error: BaseException) -> None:
        super().__init__()
        self.what = what
        self.key = key
        self.error = error


class ShowLinks(Message):
    """The user asked for the reader's list of links and attachments."""


class SyncProgressed(Message):
    """The running sync finished a step (the ``sync`` worker's progress callback).

    Attributes:
        run: Which sync of this screen it belongs to.
        progress: The step.
    """

    def __init__(self, run: int, progress: SyncProgress) -> None:
        super().__init__()
        self.run = run
        self.progress = progress


class SyncFinished(Message):
    """The ``sync`` worker ended: done (with a summary), cancelled or failed (``None``).

    Attributes:
        run: Which sync of this screen it was (a late end of a cancelled one is told apart).
        url: The list URL of the section synced.
        summary: What the sync did, or ``None`` when it was cancelled or failed (a failure also
            reaches the one failure handler).
    """

    def __init__(self, run: int, url: str, summary: SyncSummary | None) -> None:
        super().__init__()
        self.run = run
        self.url = url
        self.summary = summary


class AttachmentSaved(Message):
    """The ``download`` worker saved an attachment at ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
