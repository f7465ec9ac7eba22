"""The demo site's column tree and article index (metadata only; bodies are made on demand)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from newsreader.demo import vocab

PAGE_SIZE = 20
"""List items per page, as on the real site's news column."""
NEWEST = dt.datetime(2026, 1, 28, 16, 30)
"""Publication time of the newest demo article; every other date counts back from it."""


@dataclass(frozen=True)
class Column:
    """A leaf column (a section with a list page) of the demo site.

    Attributes:
        title: Menu text, e.g. ``新闻``.
        path: Path of list page 1 without ``.htm``, e.g. ``xwzx/xw``.
        tree_id: VSB tree id used in ``info/{tree_id}/{news_id}.htm``.
        parent: Title of the top-level menu entry, or empty for a top-level leaf.
        count: Number of site articles in the column.
        next_text: Text of the next-page link (``下页`` or ``下一页``).
        encoding: The codec of the column's pages: ``utf-8``, ``gb18030`` or ``gbk``.
    """

    title: str
    path: str
    tree_id: int
    parent: str
    count: int
    next_text: str = "下页"
    encoding: str = "utf-8"

    @property
    def crumbs(self) -> tuple[str, ...]:
        """The breadcrumb's section path, e.g. ``("新闻资讯", "新闻")``."""
        return (self.parent, self.title) if self.parent else (self.title,)


@dataclass(frozen=True)
class DemoArticle:
    """Metadata of one demo article.

    Attributes:
        tree_id: VSB tree id (one per column).
        news_id: VSB news id (unique on the site, larger is newer).
        title: Full title.
        date: ``YYYY-MM-DD``.
        published: ``YYYY-MM-DD HH:MM`` as in the ``PubDate`` META.
        column: The column's list path without ``.htm``, e.g. ``xwzx/xw``.
        section: The breadcrumb's section path, e.g. ``("新闻资讯", "新闻")``.
        source: 来源.
        editor: 责任编辑.
        attachments: ``(wbfileid, name)`` pairs.
        jsp_link: True when the column's list links it as ``content.jsp?…``.
        word_junk: True when its body carries Word-pasted markup.
    """

    tree_id: int
    news_id: int
    title: str
    date: str
    published: str
    column: str
    section: tuple[str, ...]
    source: str
    editor: str
    attachments: tuple[tuple[int, str], ...] = ()
    jsp_link: bool = False
    word_junk: bool = False

    @property
    def path(self) -> str:
        """Site path of the article page, e.g. ``info/1023/2831.htm``."""
        return f"info/{self.tree_id}/{self.news_id}.htm"


# (top title, parent is a javascript:; link, ((title, path), ...)); an empty child tuple means the
# top entry is itself a leaf whose path is given as its only element's path.
MENU: tuple[tuple[str, bool, tuple[tuple[str, str], ...]], ...] = (
    (
        "协会概况",
        True,
        (
            ("协会简介", "xhgk/xhjj"),
            ("协会章程", "xhgk/xhzc"),
            ("现任领导", "xhgk/xrld"),
            ("历任领导", "xhgk/lrld"),
            ("组织机构", "xhgk/zzjg"),
            ("党建工作", "xhgk/djgz"),
            ("秘书处", "xhgk/msc"),
            ("内设部门", "xhgk/nsbm"),
        ),
    ),
    (
        "政策法规",
        False,
        (
            ("要闻", "zcfg/yw"),
            ("中央", "zcfg/zy"),
            ("教育部", "zcfg/jyb"),
            ("其他部委", "zcfg/qtbw"),
            ("地方", "zcfg/df"),
            ("其他", "zcfg/qt"),
        ),
    ),
    ("新闻资讯", False, (("新闻", "xwzx/xw"), ("行业动态", "xwzx/hydt"))),
    (
        "协会工作",
        False,
        (
            ("通知公告", "xhgz/tzgg"),
            ("协会动态", "xhgz/xhdt"),
            ("会议培训", "xhgz/hypx"),
            ("分支机构动态", "xhgz/fzjgdt"),
        ),
    ),
    (
        "学术研究",
        False,
        (
            ("专家视点", "xsyj/zjsd"),
            ("产业观察", "xsyj/cygc"),
            ("研究报告", "xsyj/yjbg"),
        ),
    ),
    ("专题专栏", False, ()),
    (
        "会员服务",
        True,
        (
            ("会员单位", "hyfw/hydw"),
            ("分支机构", "hyfw/fzjg"),
            ("地方协会", "hyfw/dfxh"),
            ("行业协会", "hyfw/hyxh"),
            ("会员风采", "hyfw/hyfc"),
            ("工作办公室", "hyfw/gzbgs"),
            ("各地编辑站", "hyfw/gdbjz"),
        ),
    ),
)
LEAF_TOP_PATHS: dict[str, str] = {"专题专栏": "ztzl"}
NEWS_PATH = "xwzx/xw"
NOTICE_PATH = "xhgz/tzgg"
GB_PATH = "xsyj/yjbg"
NEWS_TREE = 1023
ATTACH_OWNER = 1736452901


def build_columns(articles_per_section: int) -> tuple[Column, ...]:
    """Return every leaf column in menu order.

    Args:
        articles_per_section: Article count of the ordinary columns; 新闻 always has at least 55
            (three list pages) and 通知公告 at least 25 (two pages, ``下一页`` links).
    """
    columns: list[Column] = []
    tree = 1001
    for top, _js, children in MENU:
        leaves = children or ((top, LEAF_TOP_PATHS[top]),)
        for title, path in leaves:
            parent = top if children else ""
            count = articles_per_section
            next_text = "下页"
            if tree == NEWS_TREE:
                tree += 1  # 1023 is reserved for 新闻, as on the real site
            tree_id = NEWS_TREE if path == NEWS_PATH else tree
            if path == NEWS_PATH:
                count = max(count, 55)
            elif path == NOTICE_PATH:
                count, next_text = max(count, 25), "下一页"
            encoding = "gb18030" if path == GB_PATH else "utf-8"
            columns.append(Column(title, path, tree_id, parent, count, next_text, encoding))
            tree += 1
    return tuple(columns)


def _title(rng: random.Random, column: Column, year: int) -> str:
    if column.path == NOTICE_PATH:
        templates = vocab.NOTICE_TEMPLATES
    elif column.parent == "学术研究":
        templates = vocab.RESEARCH_TEMPLATES
    else:
        templates = vocab.TITLE_TEMPLATES
    title = rng.choice(templates).format(
        org=rng.choice(vocab.ORGS),
        place=rng.choice(vocab.PLACES),
        year=year,
        event=rng.choice(vocab.EVENTS),
        obj=rng.choice(vocab.OBJECTS),
        adv=rng.choice(vocab.ADVERBS),
        verb=rng.choice(vocab.VERBS),
    )
    if column.encoding == "gb18030":
        title = rng.choice(vocab.GB18030_WORDS) + title
    return title


def unique_title(make: Callable[[], str], seen: set[str]) -> str:
    """Return a title ``make`` gives that is not in ``seen`` (numbered at last), and add it.

    Distinct titles keep search results and 上一条/下一条 checks unambiguous.
    """
    title = make()
    for _ in range(30):
        if title not in seen:
            break
        title = make()
    else:
        title = f"{title}（{len(seen)}）"
    seen.add(title)
    return title


def build_articles(columns: tuple[Column, ...], seed: int) -> dict[str, list[DemoArticle]]:
    """Return each column's articles, newest first, keyed by the column's path.

    News ids grow with the publication time across the whole site, like a real CMS.
    """
    rng = random.Random(f"newsreader-demo:{seed}")
    drafts: list[tuple[dt.datetime, Column, int]] = []
    for column in columns:
        when = NEWEST - dt.timedelta(hours=rng.randrange(0, 72))
        for index in range(column.count):
            drafts.append((when, column, index))
            when -= dt.timedelta(days=rng.randrange(1, 9), minutes=rng.randrange(0, 600))
    drafts.sort(key=lambda d: (d[0], d[1].tree_id))
    fileid = 9001
    seen: set[str] = set()
    by_column: dict[str, list[DemoArticle]] = {c.path: [] for c in columns}
    for offset, (when, column, index) in enumerate(drafts):
        news_id = 2001 + offset * 3 + rng.randrange(0, 3)
        attachments: list[tuple[int, str]] = []
        wants_files = column.path == NOTICE_PATH and index % 2 == 0
        if wants_files or (index == 1 and column.parent == "协会工作"):
            for number in range(1, 2 + index % 2):
                name = rng.choice(vocab.ATTACHMENT_NAMES).format(year=when.year)
                attachments.append((fileid, f"附件{number}：{name}"))
                fileid += 1
        by_column[column.path].append(
            DemoArticle(
                tree_id=column.tree_id,
                news_id=news_id,
                title=unique_title(partial(_title, rng, column, when.year), seen),
                date=when.strftime("%Y-%m-%d"),
                published=when.strftime("%Y-%m-%d %H:%M"),
                column=column.path,
                section=column.crumbs,
                source=rng.choice(vocab.SOURCES),
                editor=rng.choice(vocab.EDITORS),
                attachments=tuple(attachments),
                jsp_link=column.path == NEWS_PATH and index % 7 == 3,
                word_junk=index == 2,
            )
        )
    for items in by_column.values():
        items.reverse()
    return by_column
