"""A feed item's article: its page read (VSB or generic), or the feed's own content for it.

Called only from :mod:`newsreader.core.sources.feed`, on the first parse (it imports the
parsers).

* **Dates.** An item dated by the feed shows the moment the feed names in China time,
  ``YYYY-MM-DD HH:MM`` (the day alone when the feed gave no time), as VSB articles show theirs:
  never the feed's ``Wed, 28 Jan 2026 14:30:00 +0800``, whose English words and zone a reader
  of Chinese should not have to convert, and which the Atom feed's time of day would misread
  for any zone but +08:00. A date the parser cannot read is shown as the feed wrote it, one
  sanitized line of at most :data:`MAX_STAMP_CHARS` characters.
* **Author.** The feed's author is the article's ``source`` (来源) when the page names no
  source of its own: the field every output treats as the author (the Atom feed's
  ``<author>``); it is not a 责任编辑. A page's 责任编辑 who is that same person is not
  shown a second time.
"""

from __future__ import annotations

import dataclasses
import re

from newsreader.core.errors import ParseError
from newsreader.core.models import Article, Block, Image
from newsreader.core.parse import parse_article
from newsreader.core.parse.body import extract_blocks
from newsreader.core.parse.dates import CHINA, china_day
from newsreader.core.parse.dom import parse_html
from newsreader.core.results import FetchedPage
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.feed import MIN_PAGE_TEXT
from newsreader.core.sources.feed_parse import FeedEntry
from newsreader.core.sources.vsb import looks_like_vsb

MAX_STAMP_CHARS = 64
"""Characters of a date the parser cannot read kept for display (the rest is cut, marked …)."""

# A time of day, not the minutes of a zone offset (``+08:00``, ``GMT-05:00``).
_CLOCK = re.compile(r"(?<![+\-\d])\d{1,2}[:：]\d{2}(?!\d)")


def entry_time(entry: FeedEntry) -> str | None:
    """Return when ``entry`` was published as an article shows it, or ``None`` when undated.

    The moment the feed names, in China time: ``YYYY-MM-DD HH:MM``, or ``YYYY-MM-DD`` when the
    feed gave a day without a time. A date the parser cannot read is kept as the feed wrote it,
    sanitized and cut at :data:`MAX_STAMP_CHARS` characters.
    """
    stamp = clean_line(entry.stamp) if entry.stamp else ""
    if entry.published is None:
        if len(stamp) > MAX_STAMP_CHARS:
            return stamp[: MAX_STAMP_CHARS - 1].rstrip() + "…"
        return stamp or None
    moment = entry.published.astimezone(CHINA)
    if _CLOCK.search(stamp):
        return f"{moment:%Y-%m-%d %H:%M}"
    return moment.date().isoformat()


def entry_article(entry: FeedEntry, feed_title: str | None) -> Article:
    """Return the article the feed itself gives for ``entry`` (its content, else its summary).

    Raises:
        ParseError: The entry has neither a title nor any text.
    """
    blocks: tuple[Block, ...] = ()
    images: tuple[Image, ...] = ()
    if entry.html:
        body = parse_html(f"<body>{entry.html}</body>").body
        if body is not None:
            result = extract_blocks(body, entry.url)
            blocks, images = tuple(result.blocks), tuple(result.images)
    if not entry.title and not blocks:
        raise ParseError(
            f"the feed has nothing for {entry.url}",
            url=entry.url,
            reason="empty_entry",
            facts={"url": entry.url},
        )
    return Article(
        url=entry.url,
        title=entry.title,
        source=entry.author or feed_title or None,
        date=china_day(entry.published) if entry.published else None,
        published=entry_time(entry),
        section=(feed_title,) if feed_title else (),
        blocks=blocks,
        images=images,
    )


def page_article(
    page: FetchedPage, url: str, entry: FeedEntry | None, feed_title: str | None
) -> Article:
    """Return the article of an item's page, stored under the item's ``url``.

    A VSB page is read by the VSB parser and keeps its own title and date; any other page gives
    the text our extraction finds (readability's when ours finds almost nothing), under the
    feed's title and date for the item (a generic page's headings are a guess; the feed's title
    is not). Links to neighbours are dropped: a feed source never follows links found in the
    pages it reads. When the page yields fewer than :data:`MIN_PAGE_TEXT` characters of text,
    the feed's content for the item is the article if it has more.

    Raises:
        ParseError: Neither the page nor the feed has an article.
    """
    try:
        article: Article | None = parse_article(page.text, page.url)
    except ParseError:
        article = None
    text = len(article.body) if article is not None else 0
    if text < MIN_PAGE_TEXT and entry is not None:
        fallback = entry_article(entry, feed_title) if entry.html else None
        if fallback is not None and len(fallback.body) > text:
            return fallback
    if article is None:
        raise ParseError(
            f"no article found on {page.url}",
            url=page.url,
            reason="no_article",
            facts={"url": page.url},
        )
    if entry is not None:
        feed_first = not looks_like_vsb(page.text)
        if feed_first:
            article = dataclasses.replace(article, title=entry.title or article.title)
        article = _dated(article, entry, feed_first=feed_first)
    author = entry.author if entry is not None else None
    source = article.source or author or feed_title or None
    editor = article.editor
    if editor is not None and editor == source and source == author:
        editor = None  # the feed's author, already shown as the source
    return dataclasses.replace(
        article,
        url=url,
        source=source,
        editor=editor,
        section=article.section or ((feed_title,) if feed_title else ()),
        prev=None,
        next=None,
    )


def _dated(article: Article, entry: FeedEntry, *, feed_first: bool) -> Article:
    """Return ``article`` dated by the feed's date for ``entry`` or by its page's own.

    A VSB page keeps its own date (``feed_first`` false); any other page takes the feed's,
    which is the item's date the list shows. Either way the date that is used comes whole
    (day and time from one place), and a date the feed wrote but the parser cannot read comes
    last, after any date the page gives.
    """
    if entry.published is not None and (feed_first or article.date is None):
        return dataclasses.replace(
            article, date=china_day(entry.published), published=entry_time(entry)
        )
    if article.date is not None or article.published is not None:
        return article
    return dataclasses.replace(article, published=entry_time(entry))
