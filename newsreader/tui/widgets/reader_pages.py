"""What the reader shows in place of an article: nothing chosen yet, loading, not cached, or
why it could not be loaded. Each page is a bold title and a text, made of plain text only."""

from __future__ import annotations

from textual.content import Content

from newsreader.core.errors import NotCached, OfflineError
from newsreader.core.sanitize import clean_text
from newsreader.tui.i18n import Translator
from newsreader.tui.render import RenderedArticle, safe_line


def message_article(url: str, title: str, body: str) -> RenderedArticle:
    """Return a reader page of a bold ``title`` (none when empty) and a ``body`` text."""
    blocks = (Content.styled(title, "bold"),) if title else ()
    return RenderedArticle(url, (*blocks, Content(clean_text(body))))


def empty_page(tr: Translator) -> RenderedArticle:
    """Before any article was chosen: how to choose one."""
    return message_article("", "", tr("reader.empty"))


def loading_page(url: str, title: str, tr: Translator) -> RenderedArticle:
    """While an article that is not cached loads: its title from the list, if known."""
    return message_article(url, safe_line(title), tr("reader.loading"))


def not_cached_page(url: str, offline: bool, tr: Translator) -> RenderedArticle:
    """An article that is not cached and may not be fetched now.

    Offline (``--offline`` or Ctrl+O), ``r`` alone cannot load it: the page says how to go back
    online.
    """
    body = tr("reader.not_cached_offline_body" if offline else "reader.not_cached_body")
    return message_article(url, tr("reader.not_cached_title"), body)


def failure_page(url: str, error: BaseException, offline: bool, tr: Translator) -> RenderedArticle:
    """Why the article at ``url`` could not be loaded (the not-cached page when it is that)."""
    if isinstance(error, NotCached | OfflineError):
        return not_cached_page(url, offline, tr)
    body = tr("reader.failed_body", message=safe_line(tr.failure(error)))
    return message_article(url, tr("reader.failed_title"), body)
