"""The demo's second VSB site: a university news site on another VSB template (:class:`CampusSite`).

Where :class:`~newsreader.demo.site.DemoSite` is a modern UTF-8 template, this one is the older
kind many university news and notice boards (通知公告) still run: GBK pages, a ``dl``/``dd``
dropdown menu, a ``ul.news_list`` list with the date first, a table list for the notices, the
``fanye`` pager in plain text and links, and the article in ``#vsb_content_2``. What every VSB
site shares is the same: the META tags, ``.v_news_content``, ``info/T/N.htm`` links and countdown
list pages with 下页/下一页 links.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import partial

from newsreader.demo import vocab
from newsreader.demo.campus_pages import (
    CAMPUS_MENU,
    article_page,
    home_page,
    list_page,
    not_found_page,
)
from newsreader.demo.content import paragraph, sentence
from newsreader.demo.listing import ColumnLists, neighbours
from newsreader.demo.responses import Resource, Responses, html_resource, image, not_found
from newsreader.demo.routing import (
    ArticleAt,
    Home,
    Image,
    ListPageAt,
    PageKey,
    page_key,
    split_target,
)
from newsreader.demo.structure import NEWEST, Column, DemoArticle, unique_title

ENCODING = "gbk"
"""Every page of the site is GBK, declared as ``gb2312`` as old templates do."""
NEWS_PATH = "xwzx/zhxw"
NOTICE_PATH = "tzgg"
PAGE_SIZE = 15
"""List items per page (the first site has 20)."""
FIRST_TREE = 1101
FIRST_NEWS = 5001


def build_columns(articles_per_section: int) -> tuple[Column, ...]:
    """Return the site's leaf columns in menu order.

    Args:
        articles_per_section: Articles of an ordinary column; 综合新闻 has at least 40 (three
            list pages, ``下页``) and 通知公告 at least 20 (two, ``下一页``).
    """
    columns: list[Column] = []
    tree = FIRST_TREE
    for top, children in CAMPUS_MENU:
        for title, path in children or ((top, path_of_top(top)),):
            count, next_text = articles_per_section, "下页"
            if path == NEWS_PATH:
                count = max(count, 40)
            elif path == NOTICE_PATH:
                count, next_text = max(count, 20), "下一页"
            parent = top if children else ""
            columns.append(Column(title, path, tree, parent, count, next_text, ENCODING))
            tree += 1
    return tuple(columns)


def path_of_top(top: str) -> str:
    """Return the list path of a top menu entry: its first child's, or its own for a leaf."""
    for title, children in CAMPUS_MENU:
        if title == top:
            return children[0][1] if children else NOTICE_PATH
    raise KeyError(top)


def _title(rng: random.Random, column: Column, year: int) -> str:
    notice = column.path == NOTICE_PATH
    templates = vocab.CAMPUS_NOTICE_TEMPLATES if notice else vocab.CAMPUS_TITLE_TEMPLATES
    return rng.choice(templates).format(
        unit=rng.choice(vocab.UNITS),
        place=rng.choice(vocab.PLACES),
        year=year,
        event=rng.choice(vocab.CAMPUS_EVENTS),
        obj=rng.choice(vocab.OBJECTS),
        adv=rng.choice(vocab.ADVERBS),
        verb=rng.choice(vocab.VERBS),
    )


def build_articles(columns: tuple[Column, ...], seed: int) -> dict[str, list[DemoArticle]]:
    """Return each column's articles, newest first; news ids grow with time across the site."""
    rng = random.Random(f"newsreader-demo-campus:{seed}")
    drafts: list[tuple[dt.datetime, Column]] = []
    for column in columns:
        when = NEWEST - dt.timedelta(hours=rng.randrange(2, 96))
        for _ in range(column.count):
            # Office hours, 08:00 to 17:59: when a university's news office publishes.
            drafts.append((when.replace(hour=8 + when.hour % 10), column))
            when -= dt.timedelta(days=rng.randrange(1, 6), minutes=rng.randrange(0, 600))
    drafts.sort(key=lambda d: (d[0], d[1].tree_id))
    seen: set[str] = set()
    by_column: dict[str, list[DemoArticle]] = {c.path: [] for c in columns}
    for offset, (when, column) in enumerate(drafts):
        title = unique_title(partial(_title, rng, column, when.year), seen)
        by_column[column.path].append(
            DemoArticle(
                tree_id=column.tree_id,
                news_id=FIRST_NEWS + offset * 2 + rng.randrange(0, 2),
                title=title,
                date=when.strftime("%Y-%m-%d"),
                published=when.strftime("%Y-%m-%d %H:%M"),
                column=column.path,
                section=column.crumbs,
                source=rng.choice(vocab.UNITS),
                editor=rng.choice(vocab.EDITORS),
            )
        )
    for items in by_column.values():
        items.reverse()
    return by_column


def make_body(article: DemoArticle, seed: int) -> str:
    """Return the inner HTML of the article's ``.v_news_content`` (GBK-safe text only)."""
    rng = random.Random(f"campus-body:{seed}:{article.tree_id}:{article.news_id}")
    html = ['<p class="vsbcontent_start">' + paragraph(rng) + "</p>"]
    for _ in range(rng.randrange(3, 6)):
        html.append(f'<p style="text-indent:2em;">{paragraph(rng)}</p>')
    html.append(
        f'<p style="text-align:center;"><img src="/__local/C/{article.news_id}.png" '
        f'width="500" border="0" alt="{article.source}供图" /></p>'
    )
    html.append(f'<p style="text-indent:2em;">{sentence(rng)}{sentence(rng)}</p>')
    html.append(f'<p class="vsbcontent_end">（{article.source} 供稿）</p>')
    return "\r\n".join(html)


class CampusSite:
    """The university news site, built from a seed; pages are rendered on first request.

    Attributes:
        columns: Every leaf column in menu order.
        lists: The columns' list pages: their paths and what each one lists.
        articles: Every article, column by column, newest first within a column.
    """

    def __init__(self, *, articles_per_section: int = 6, seed: int = 7) -> None:
        """Build the columns and the article index (no page is rendered yet).

        Args:
            articles_per_section: Articles of an ordinary column (see :func:`build_columns`).
            seed: Seed of all generated text and dates.
        """
        self.seed = seed
        self.columns = build_columns(articles_per_section)
        self._by_path = {c.path: c for c in self.columns}
        self._articles = build_articles(self.columns, seed)
        self.articles: list[DemoArticle] = [a for c in self.columns for a in self._articles[c.path]]
        self._by_id = {(a.tree_id, a.news_id): a for a in self.articles}
        self.lists: ColumnLists[DemoArticle] = ColumnLists(self.columns, self._articles, PAGE_SIZE)
        self._responses: Responses[PageKey] = Responses(self._make)

    def entries(self, column_path: str) -> list[DemoArticle]:
        """Return a column's articles, newest first."""
        return self.lists.entries(column_path)

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the response for a request target such as ``/xwzx/zhxw.htm``, or ``None``."""
        path, query = split_target(path_and_query)
        return self._responses.get(page_key(path, query, self.lists))

    def not_found(self) -> Resource:
        """Return the 404 page."""
        return not_found(not_found_page(), ENCODING)

    def _make(self, key: PageKey) -> Resource | None:
        match key:
            case Home():
                return self._home()
            case ListPageAt(column, number):
                return self._list(column, number)
            case ArticleAt(tree_id, news_id):
                article = self._by_id.get((tree_id, news_id))
                return None if article is None else self._article(article)
            case Image():
                return image()

    def _home(self) -> Resource:
        blocks = [(self._by_path[p], self._articles[p][:8]) for p in (NEWS_PATH, NOTICE_PATH)]
        newest = max(dt.datetime.fromisoformat(a.published) for a in self.articles)
        return html_resource(home_page(blocks), ENCODING, newest)

    def _list(self, column: Column, number: int) -> Resource:
        chunk = self.lists.page(column.path, number)
        total = len(self.lists.entries(column.path))
        html = list_page(column, chunk, number, self.lists.page_count(column.path), total)
        return html_resource(html, ENCODING, dt.datetime.fromisoformat(chunk[0].published))

    def _article(self, article: DemoArticle) -> Resource:
        newer, older = neighbours(self._articles[article.column], article)
        column = self._by_path[article.column]
        html = article_page(column, article, make_body(article, self.seed), newer, older)
        return html_resource(html, ENCODING, dt.datetime.fromisoformat(article.published))
