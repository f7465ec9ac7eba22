"""A feed item's article: its page read (VSB or generic), or the feed's own content for it.

Called only from :mod:`newsreader.core.sources.feed`, on the first parse (it imports the
parsers).
"""

from __future__ import annotations

import dataclasses

from newsreader.core.errors import ParseError
from newsreader.core.models import Article, Block, Image
from newsreader.core.parse import parse_article
from newsreader.core.parse.body import extract_blocks
from newsreader.core.parse.dates import china_day
from newsreader.core.parse.dom import parse_html
from newsreader.core.results import FetchedPage
from newsreader.core.sources.feed import MIN_PAGE_TEXT
from newsreader.core.sources.feed_parse import FeedEntry
from newsreader.core.sources.vsb import looks_like_vsb


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
        published=entry.stamp,
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
    if entry is not None and not looks_like_vsb(page.text):
        article = dataclasses.replace(
            article,
            title=entry.title or article.title,
            date=china_day(entry.published) if entry.published else article.date,
            published=entry.stamp or article.published,
        )
    elif entry is not None:
        article = dataclasses.replace(
            article,
            date=article.date or (china_day(entry.published) if entry.published else None),
            published=article.published or entry.stamp,
        )
    return dataclasses.replace(
        article,
        url=url,
        source=article.source or (entry.author if entry else None) or feed_title or None,
        section=article.section or ((feed_title,) if feed_title else ()),
        prev=None,
        next=None,
    )
