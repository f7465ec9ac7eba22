"""The demo's two feed sites: an RSS 2.0 news portal and an Atom research blog (:class:`FeedSite`).

Each is a small site of its own (its own host in ``--demo``): a home page that advertises the
feed, the feed, and a plain HTML page per item. Some RSS items link to articles of another demo
site instead (a VSB site, on another host), the way a portal links the sources it relays; a
reader fetches the linked page for the full text either way.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Literal

from newsreader.demo import vocab
from newsreader.demo.content import paragraph, sentence
from newsreader.demo.feed_docs import (
    FeedItem,
    Portal,
    article_page,
    atom,
    home_page,
    not_found_page,
    rss,
)
from newsreader.demo.responses import Resource, Responses, html_resource, not_found, resource
from newsreader.demo.structure import NEWEST

FeedKind = Literal["rss", "atom"]
RSS_PORTAL = Portal("就业资讯网", "gbk", "/rss.xml", "application/rss+xml", "/")
ATOM_PORTAL = Portal(
    "职业发展研究观察", "utf-8", "/notes/atom.xml", "application/atom+xml", "/notes/"
)
ATOM_BASE = "/notes/"
"""The Atom feed's ``xml:base``: its entry links are relative to it."""
ITEMS = 16
"""Items of each feed."""
Elsewhere = tuple[str, str, dt.datetime]
"""``(title, absolute URL, publication time)`` of an article on another site, for the RSS feed."""


class FeedSite:
    """A feed and the site around it, built from a seed; documents are made on first request.

    Attributes:
        kind: ``"rss"`` or ``"atom"``.
        portal: The site's name, charset and paths.
        items: The feed's entries, newest first.
        base_url: The site's own base URL (``http://127.0.0.1:48125/``), for the RSS feed's
            absolute links; set it before the first request. ``None`` writes them
            root-relative (``/news/202601/6049.html``), to be resolved against the feed's URL.
    """

    def __init__(
        self, kind: FeedKind, *, seed: int = 7, elsewhere: Sequence[Elsewhere] = ()
    ) -> None:
        """Make the items (no document is rendered yet).

        Args:
            kind: ``"rss"`` (GBK, CDATA, +0800/CST dates, absolute links) or ``"atom"``
                (UTF-8, relative links under an ``xml:base``, full content for some entries).
            seed: Seed of all generated text and dates.
            elsewhere: Articles of other sites the RSS feed also links to (every fourth item);
                without them every item is a page of the feed's own site.
        """
        self.kind = kind
        self.seed = seed
        self.portal = RSS_PORTAL if kind == "rss" else ATOM_PORTAL
        self.items = self._make_items(list(elsewhere) if kind == "rss" else [])
        self._by_path = {i.link: i for i in self.items if i.local}
        self.base_url: str | None = None
        self._responses = Responses(self._make)

    @property
    def feed_path(self) -> str:
        """The feed's path on its site (``/rss.xml``, ``/notes/atom.xml``)."""
        return self.portal.feed_path

    def _make_items(self, elsewhere: list[Elsewhere]) -> list[FeedItem]:
        rng = random.Random(f"newsreader-demo-{self.kind}:{self.seed}")
        templates = vocab.TITLE_TEMPLATES if self.kind == "rss" else vocab.RESEARCH_TEMPLATES
        first = 6001 if self.kind == "rss" else 7001
        when = NEWEST - dt.timedelta(hours=rng.randrange(1, 8))
        items: list[FeedItem] = []
        seen: set[str] = set()
        for number in range(ITEMS):
            ident = first + (ITEMS - number) * 3
            title, link = "", ""
            if elsewhere and number % 4 == 1:
                title, link, when = elsewhere.pop(0)
            else:
                for _ in range(30):
                    title = rng.choice(templates).format(
                        org=rng.choice(vocab.ORGS),
                        place=rng.choice(vocab.PLACES),
                        year=when.year,
                        event=rng.choice(vocab.EVENTS),
                        obj=rng.choice(vocab.OBJECTS),
                        adv=rng.choice(vocab.ADVERBS),
                        verb=rng.choice(vocab.VERBS),
                    )
                    if title not in seen:
                        break
                if self.kind == "rss":
                    link = f"/news/{when:%Y%m}/{ident}.html"
                else:
                    link = f"{ATOM_BASE}{when:%Y/%m}/{ident}.html"
            seen.add(title)
            items.append(
                FeedItem(
                    ident=ident,
                    title=title,
                    published=when,
                    author=rng.choice(vocab.SPEAKERS)[-3:],
                    tags=tuple(rng.sample(vocab.FEED_TAGS, 2)),
                    link=link,
                    summary=sentence(rng) + sentence(rng),
                )
            )
            when -= dt.timedelta(days=rng.randrange(1, 5), minutes=rng.randrange(0, 900))
            # Newsroom hours: 08:00 to 17:59, as the site's editors publish.
            when = when.replace(hour=8 + when.hour % 10)
        items.sort(key=lambda i: i.published, reverse=True)
        return items

    def body(self, item: FeedItem) -> str:
        """Return the HTML of an item's article text (the same on its page and in Atom)."""
        rng = random.Random(f"feed-body:{self.seed}:{self.kind}:{item.ident}")
        paragraphs = [f"<p>{item.summary}</p>"]
        paragraphs += [f"<p>{paragraph(rng)}</p>" for _ in range(rng.randrange(4, 7))]
        return "\n".join(paragraphs)

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the response for a request target (the query is ignored), or ``None``."""
        return self._responses.get("/" + path_and_query.partition("?")[0].lstrip("/"))

    def not_found(self) -> Resource:
        """Return the 404 page."""
        return not_found(not_found_page(self.portal), self.portal.charset)

    def _make(self, path: str) -> Resource | None:
        newest = self.items[0].published
        portal = self.portal
        if path == portal.feed_path:
            return resource(self._feed().encode(portal.charset), portal.feed_type, newest)
        if path in (portal.home_path, portal.home_path + "index.html"):
            # Its own pages only: links to another site's info/T/N.htm pages would make the
            # page look like a VSB site to a reader sniffing what it is.
            own = [i for i in self.items if i.local]
            return html_resource(home_page(portal, own), portal.charset, newest)
        item = self._by_path.get(path)
        if item is None:
            return None
        others = [i for i in self.items if i is not item and i.local][:6]
        html = article_page(portal, item, self.body(item), others)
        return html_resource(html, portal.charset, item.published)

    def _feed(self) -> str:
        if self.kind == "rss":
            return rss(
                RSS_PORTAL.name,
                self.base_url or "/",
                "毕业生就业政策、招聘信息与高校动态（演示）",
                self.items,
            )
        bodies = {i.ident: self.body(i) for i in self.items[::2]}
        return atom(ATOM_PORTAL.name, ATOM_BASE, ATOM_PORTAL.feed_path, self.items, bodies)
