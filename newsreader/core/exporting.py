"""Export articles to Markdown or HTML files: one article, or a section with an index file.

Files are named after the article titles (:func:`~newsreader.core.attachments.safe_filename`) and
never overwrite anything: a second export of the same article writes ``title (1).md``. Each file
is written whole under a fresh name (see :func:`~newsreader.core.attachments.write_new_file`).
Online, articles are fetched (network first); offline, they come from the cache.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urljoin

from newsreader.core.attachments import safe_filename, write_new_file
from newsreader.core.errors import FetchError, NewsreaderError, NotCached, ParseError
from newsreader.core.models import Article, ListItem
from newsreader.core.render.labels import labels_for
from newsreader.core.sources import article_numbers
from newsreader.core.urls import is_http_url, same_site

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

Format = Literal["md", "html"]
EXTENSIONS: dict[Format, str] = {"md": ".md", "html": ".html"}
INDEX_STEM = "index"
# A section export's index file: no article file ever takes one of these names (in any case, as
# file systems may ignore it), whatever the format, so that two exports can share a directory.
INDEX_NAMES = frozenset(INDEX_STEM + ext for ext in EXTENSIONS.values())


@dataclass(slots=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        files: Article files written, in list order.
        index: The index file of a section export, ``None`` for a single article.
        failures: ``(url, reason)`` of the articles that could not be exported.
        skipped: Malformed links the section's list pages held, left out.
    """

    files: list[Path] = field(default_factory=list)
    index: Path | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0

    @property
    def paths(self) -> list[Path]:
        """Every file written, the index last."""
        return [*self.files, *([self.index] if self.index else [])]


def render(article: Article, fmt: Format, lang: str = "zh") -> str:
    """Return ``article`` as a Markdown or HTML document, its labels in ``lang``."""
    if fmt == "html":
        from newsreader.core.render.html import article_to_html

        return article_to_html(article, labels_for(lang))
    from newsreader.core.render.markdown import article_to_markdown

    return article_to_markdown(article, labels_for(lang))


def article_filename(article: Article, fmt: Format) -> str:
    """Return the file name for ``article``: its title, made safe, with the format's extension.

    A title that would make the name of a section's index (``index.md``) gets the article's
    number too (``index-2831.md``).
    """
    ident = article_numbers(article.url)
    # A page that is no VSB article has no number of its own: a short digest of its URL.
    number = str(ident[1]) if ident else hashlib.sha256(article.url.encode()).hexdigest()[:8]
    ext = EXTENSIONS[fmt]
    # The extension is appended before sanitizing so that the 200-byte cap keeps it.
    fallback = f"article-{number}{ext}"
    # A title that sanitises to nothing but dots would leave the extension alone as the name.
    name = safe_filename(article.title + ext, fallback)
    if not name.casefold().endswith(ext) or name.casefold() == ext:
        name = fallback
    if name.casefold() in INDEX_NAMES:
        name = safe_filename(f"{name.removesuffix(ext)}-{number}{ext}", fallback)
    return name


def write_article(article: Article, dest: Path, fmt: Format, lang: str = "zh") -> Path:
    """Write one article into ``dest`` under a new name; return its path."""
    text = render(article, fmt, lang)
    return write_new_file(dest, article_filename(article, fmt), text.encode())


def resolve_target(service: NewsService, target: str) -> str | None:
    """Return the article URL ``target`` names, or ``None`` when it names a section."""
    try:
        url = target if "://" in target else urljoin(service.site_url, target)
    except ValueError:  # a section title that urljoin cannot take as a reference
        return None
    return url if is_http_url(url) and service.source.is_article_url(url) else None


async def export_article(service: NewsService, url: str, dest: Path, fmt: Format) -> ExportResult:
    """Export the article at ``url`` into ``dest``."""
    article = (await service.article(url)).value
    return ExportResult(files=[write_article(article, dest, fmt, service.config.lang)])


def _article_items(service: NewsService, items: Sequence[ListItem]) -> list[ListItem]:
    """Return the items that are articles on the site (merged lists hold each article once)."""
    return [i for i in items if not i.external and same_site(i.url, service.site_url)]


async def export_section(
    service: NewsService,
    spec: str,
    dest: Path,
    fmt: Format,
    *,
    pages: int = 1,
    on_failure: Callable[[str, NewsreaderError], None] | None = None,
) -> ExportResult:
    """Export every article on a section's first ``pages`` list pages, plus an index file.

    Args:
        service: The service (online: network first; offline: cache only).
        spec: A ``SECTION`` argument (titles joined by ``/``) or a list-page URL.
        dest: The directory to write into (created when missing).
        fmt: ``md`` or ``html``.
        pages: List pages to follow.
        on_failure: Called with ``(url, error)`` for each article that cannot be exported.

    Returns:
        The files written and the failures; the index lists every article, linking the
        local file when there is one and the original URL otherwise.
    """
    url = await service.section_url(spec)
    listing = await service.section_list(url, pages)
    if listing.missing is not None:
        raise listing.missing
    results = listing.pages
    items = _article_items(service, listing.items)
    title = next((r.value.column for r in results if r.value.column), None) or spec
    limit = asyncio.Semaphore(max(service.config.fetch.per_host, 1))

    async def fetch(item: ListItem) -> Article | NewsreaderError:
        async with limit:
            try:
                return (await service.article(item.url)).value
            except (FetchError, ParseError, NotCached) as err:
                return err

    fetched = await asyncio.gather(*(fetch(item) for item in items))
    result = ExportResult(skipped=sum(r.value.skipped for r in results))
    entries: list[tuple[ListItem, Path | None]] = []
    # Written in list order, so duplicate titles get their (1), (2) in a stable order.
    for item, outcome in zip(items, fetched, strict=True):
        if isinstance(outcome, NewsreaderError):
            result.failures.append((item.url, outcome.one_line()))
            if on_failure is not None:
                on_failure(item.url, outcome)
            entries.append((item, None))
            continue
        path = write_article(outcome, dest, fmt, service.config.lang)
        result.files.append(path)
        entries.append((item, path))
    index_name = INDEX_STEM + EXTENSIONS[fmt]
    text = _index(title, entries, fmt, labels_for(service.config.lang).not_exported)
    result.index = write_new_file(dest, index_name, text.encode())
    return result


def _index(
    title: str, entries: list[tuple[ListItem, Path | None]], fmt: Format, not_exported: str
) -> str:
    """Return the index document: one line per article, newest first as listed."""
    if fmt == "html":
        from newsreader.core.render.html import esc, link, page

        rows = []
        for item, path in entries:
            date = f"{esc(item.date)} " if item.date else ""
            if path is not None:
                target = f'<a href="{esc(quote(path.name))}">{esc(item.title)}</a>'
            else:
                target = f"{link(item.url, item.title)} ({esc(not_exported)})"
            rows.append(f"<li>{date}{target}</li>")
        body = f"<h1>{esc(title)}</h1>\n<ul>\n" + "\n".join(rows) + "\n</ul>"
        return page(title, body)
    from newsreader.core.render.markdown import md_escape, md_url

    lines = [f"# {md_escape(title)}", ""]
    for item, path in entries:
        date = f"{item.date} " if item.date else ""
        # <…> keeps a local name readable (CommonMark allows any character there but <, >
        # and line breaks, which safe_filename never leaves in a name).
        href = f"<{path.name}>" if path is not None else md_url(item.url)
        note = "" if path is not None else f" ({not_exported})"
        lines.append(f"- {date}[{md_escape(item.title)}]({href}){note}")
    return "\n".join(lines) + "\n"
