"""The demo site as a map from request path to response: :class:`DemoSite`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from newsreader.demo.content import make_body
from newsreader.demo.listing import ColumnLists, neighbours
from newsreader.demo.pages import (
    ExternalItem,
    ListEntry,
    article_page,
    home_page,
    list_page,
    not_found_page,
)
from newsreader.demo.responses import (
    Resource,
    Responses,
    html_resource,
    image,
    not_found,
    resource,
)
from newsreader.demo.routing import (
    ArticleAt,
    Home,
    Image,
    ListPageAt,
    PageKey,
    page_key,
    split_target,
)
from newsreader.demo.structure import (
    MENU,
    NEWS_PATH,
    NOTICE_PATH,
    PAGE_SIZE,
    Column,
    DemoArticle,
    build_articles,
    build_columns,
)
from newsreader.demo.templates import menu_href

_EXTERNALS: dict[str, tuple[tuple[int, str, str], ...]] = {
    "zcfg/jyb": (
        (
            1,
            "教育部召开高校毕业生就业创业工作视频会议",
            "http://www.moe.gov.cn/jyb_xwfb/gzdt_gzdt/s5987/202601/t20260112_1100001.html",
        ),
        (
            3,
            "多部门联合部署新一年度促进青年就业专项行动",
            "http://www.gov.cn/zhengce/content/202601/content_7000001.htm",
        ),
    ),
}
_MEDIA = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Section = tuple[str, str | None, tuple["Section", ...]]
"""``(title, site-relative link or None for javascript:;, children)``, as the menu shows it."""


class DemoSite:
    """Our VSB-shaped fixture site, built from a seed; pages are rendered on first request.

    Attributes:
        columns: Every leaf column in menu order.
        lists: The columns' list pages: their paths and what each one lists.
        sections: The menu tree as :data:`Section` tuples (首页 first).
        articles: Every site article, column by column, newest first within a column.
        attachments: ``wbfileid -> (file name, article)``.
        gbk_attachment_id: The attachment whose ``Content-Disposition`` has only a raw GBK
            ``filename=`` (no ``filename*=``).
    """

    def __init__(self, *, articles_per_section: int = 6, seed: int = 7) -> None:
        """Build the column tree and the article index (fast: no page is rendered yet).

        Args:
            articles_per_section: Articles of an ordinary column (新闻 has at least 55 and
                通知公告 at least 25, so they always have several list pages).
            seed: Seed of all generated text and dates.
        """
        self.seed = seed
        self.columns: tuple[Column, ...] = build_columns(articles_per_section)
        self._by_path = {c.path: c for c in self.columns}
        self._articles = build_articles(self.columns, seed)
        self.articles: list[DemoArticle] = [a for c in self.columns for a in self._articles[c.path]]
        self._by_id = {(a.tree_id, a.news_id): a for a in self.articles}
        self.attachments: dict[int, tuple[str, DemoArticle]] = {
            fileid: (name, a) for a in self.articles for fileid, name in a.attachments
        }
        self.gbk_attachment_id = min(self.attachments)
        entries = {c.path: self._list_entries(c) for c in self.columns}
        self.lists: ColumnLists[ListEntry] = ColumnLists(self.columns, entries, PAGE_SIZE)
        self.sections: list[Section] = [("首页", "index.htm", ())]
        for top, javascript, children in MENU:
            kids = tuple((t, f"{p}.htm", ()) for t, p in children)
            self.sections.append((top, menu_href(top, javascript, children), kids))
        self._responses: Responses[PageKey | Attachment | StyleSheet] = Responses(self._make)

    def _list_entries(self, column: Column) -> list[ListEntry]:
        entries: list[ListEntry] = list(self._articles[column.path])
        for position, title, url in _EXTERNALS.get(column.path, ()):
            date = entries[max(position - 1, 0)].date
            entries.insert(position, ExternalItem(title, url, date))
        return entries

    def entries(self, column_path: str) -> list[ListEntry]:
        """Return a column's list entries (articles and external links), newest first."""
        return self.lists.entries(column_path)

    def article(self, tree_id: int, news_id: int) -> DemoArticle | None:
        """Return the article with these ids, if the site has it."""
        return self._by_id.get((tree_id, news_id))

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the response for a request target such as ``/xwzx/xw.htm``, or ``None``.

        Args:
            path_and_query: The request target (path and optional query), e.g.
                ``/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1023&wbnewsid=2831``.
        """
        path, query = split_target(path_and_query)
        key = page_key(path, query, self.lists) or _asset_key(path, query)
        return self._responses.get(key)

    def not_found(self) -> Resource:
        """Return the 404 page."""
        return not_found(not_found_page(), "utf-8")

    def _make(self, key: PageKey | Attachment | StyleSheet) -> Resource | None:
        match key:
            case Home():
                return self._home()
            case ListPageAt(column, number):
                return self._list(column, number)
            case ArticleAt(tree_id, news_id):
                article = self.article(tree_id, news_id)
                return None if article is None else self._article(article)
            case Attachment(fileid):
                return self._file(fileid)
            case Image():
                return image()
            case StyleSheet():
                return resource(b"body{margin:0}\r\n", "text/css", dt.datetime(2026, 1, 1))

    def _home(self) -> Resource:
        paths = (NEWS_PATH, NOTICE_PATH, "xwzx/hydt", "xsyj/zjsd")
        blocks = [(self._by_path[p], self._articles[p][:6]) for p in paths]
        newest = max(dt.datetime.fromisoformat(a.published) for a in self.articles)
        return html_resource(home_page(blocks, self.columns), "utf-8", newest)

    def _list(self, column: Column, page: int) -> Resource:
        chunk = self.lists.page(column.path, page)
        total = len(self.lists.entries(column.path))
        html = list_page(column, chunk, page, self.lists.page_count(column.path), total)
        return html_resource(html, column.encoding, dt.datetime.fromisoformat(chunk[0].date))

    def _article(self, article: DemoArticle) -> Resource:
        newer, older = neighbours(self._articles[article.column], article)
        column = self._by_path[article.column]
        body = make_body(article, self.seed, older)
        html = article_page(column, article, body, newer, older)
        return html_resource(html, column.encoding, dt.datetime.fromisoformat(article.published))

    def _file(self, fileid: int) -> Resource | None:
        if fileid not in self.attachments:
            return None
        name, article = self.attachments[fileid]
        filename = name.split("：", 1)[-1]
        ext = filename.rsplit(".", 1)[-1]
        if fileid == self.gbk_attachment_id:
            # An old-style header: raw GBK bytes, carried in a str as latin-1 code points.
            raw = filename.encode("gbk").decode("latin-1")
            disposition = f'attachment; filename="{raw}"'
        else:
            disposition = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
        body = f"demo attachment {fileid}: {filename}\n".encode()
        if ext == "pdf":
            body = b"%PDF-1.4\n% " + body + b"%%EOF\n"
        when = dt.datetime.fromisoformat(article.published)
        return resource(
            body,
            _MEDIA.get(ext, "application/octet-stream"),
            when,
            {"Content-Disposition": disposition},
        )


@dataclass(frozen=True, slots=True)
class Attachment:
    """The attachment ``wbfileid`` (the site may have none)."""

    fileid: int


@dataclass(frozen=True, slots=True)
class StyleSheet:
    """The style sheet (every ``.css`` path)."""


def _asset_key(path: str, query: dict[str, str]) -> Attachment | StyleSheet | None:
    if path == "/system/_content/download.jsp":
        fileid = query.get("wbfileid", "")
        return Attachment(int(fileid)) if fileid.isdecimal() else None
    if path.endswith(".css"):
        return StyleSheet()
    return None
