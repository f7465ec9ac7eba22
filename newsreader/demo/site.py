"""The demo site as a map from request path to response: :class:`DemoSite`."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import struct
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import lru_cache
from urllib.parse import parse_qs, quote, unquote, urlsplit

from newsreader.demo.content import make_body
from newsreader.demo.pages import (
    ExternalItem,
    ListEntry,
    article_page,
    home_page,
    list_page,
    not_found_page,
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

_INFO = re.compile(r"^/info/(\d+)/(\d+)\.htm$")
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


@dataclass(frozen=True)
class Resource:
    """One response of the demo site.

    Attributes:
        body: The bytes to send.
        content_type: The ``Content-Type`` header (pages get ``text/html``, no charset, like VSB).
        headers: Extra headers: ``ETag``, ``Last-Modified``, ``Content-Disposition``.
        status: The HTTP status.
    """

    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200


@lru_cache(maxsize=1)
def tiny_png() -> bytes:
    """Return a valid 1x1 grey PNG (every body image of the demo is this one)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _http_date(when: dt.datetime) -> str:
    # Demo times are Beijing time (UTC+8); HTTP dates are GMT.
    return formatdate(calendar.timegm(when.timetuple()) - 8 * 3600, usegmt=True)


def html_resource(html: str, encoding: str, when: dt.datetime) -> Resource:
    text = html.replace("\r\n", "\n").replace("\n", "\r\n")
    body = text.encode(encoding)
    if encoding == "utf-8":
        body = b"\xef\xbb\xbf" + body
    return resource(body, "text/html", when)


def resource(
    body: bytes, content_type: str, when: dt.datetime, extra: dict[str, str] | None = None
) -> Resource:
    headers = {
        "ETag": f'"{hashlib.sha1(body).hexdigest()[:20]}"',
        "Last-Modified": _http_date(when),
    }
    headers.update(extra or {})
    return Resource(body, content_type, headers)


class DemoSite:
    """Our VSB-shaped fixture site, built from a seed; pages are rendered on first request.

    Attributes:
        columns: Every leaf column in menu order.
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
        self._entries = {c.path: self._list_entries(c) for c in self.columns}
        self._pages: dict[str, tuple[Column, int]] = {}
        for column in self.columns:
            pages = self.page_count(column.path)
            self._pages[f"{column.path}.htm"] = (column, 1)
            for k in range(2, pages + 1):
                self._pages[f"{column.path}/{pages - k + 1}.htm"] = (column, k)
        self.sections: list[Section] = [("首页", "index.htm", ())]
        for top, javascript, children in MENU:
            kids = tuple((t, f"{p}.htm", ()) for t, p in children)
            self.sections.append((top, menu_href(top, javascript, children), kids))
        self._memo: dict[str, Resource] = {}

    def _list_entries(self, column: Column) -> list[ListEntry]:
        entries: list[ListEntry] = list(self._articles[column.path])
        for position, title, url in _EXTERNALS.get(column.path, ()):
            date = entries[max(position - 1, 0)].date
            entries.insert(position, ExternalItem(title, url, date))
        return entries

    def entries(self, column_path: str) -> list[ListEntry]:
        """Return a column's list entries (articles and external links), newest first."""
        return list(self._entries[column_path])

    def page_count(self, column_path: str) -> int:
        """Return the number of list pages of a column."""
        return max(1, -(-len(self._entries[column_path]) // PAGE_SIZE))

    def list_page_paths(self, column_path: str) -> list[str]:
        """Return the site paths of a column's list pages, in reading order (countdown)."""
        pages = self.page_count(column_path)
        rest = [f"{column_path}/{pages - k + 1}.htm" for k in range(2, pages + 1)]
        return [f"{column_path}.htm", *rest]

    def article(self, tree_id: int, news_id: int) -> DemoArticle | None:
        """Return the article with these ids, if the site has it."""
        return self._by_id.get((tree_id, news_id))

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the response for a request target such as ``/xwzx/xw.htm``, or ``None``.

        Args:
            path_and_query: The request target (path and optional query), e.g.
                ``/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1023&wbnewsid=2831``.
        """
        parts = urlsplit(path_and_query)
        path = "/" + unquote(parts.path).lstrip("/")
        query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        key = self._key(path, query)
        if key is None:
            return None
        if key not in self._memo:
            made = self._make(key)
            if made is None:
                return None
            self._memo[key] = made
        return self._memo[key]

    def not_found(self) -> Resource:
        """Return the 404 page."""
        body = b"\xef\xbb\xbf" + not_found_page().replace("\n", "\r\n").encode("utf-8")
        return Resource(body, "text/html", {}, 404)

    def _key(self, path: str, query: dict[str, str]) -> str | None:
        if path in ("/", "/index.htm", "/index.html"):
            return "home"
        match = _INFO.match(path)
        if match:
            return f"article:{match.group(1)}:{match.group(2)}"
        if path == "/content.jsp":
            tree, news = query.get("wbtreeid", ""), query.get("wbnewsid", "")
            return f"article:{tree}:{news}" if tree.isdigit() and news.isdigit() else None
        if path == "/system/_content/download.jsp":
            fileid = query.get("wbfileid", "")
            return f"file:{fileid}" if fileid.isdigit() else None
        if path.startswith("/__local/") and path.endswith(".png"):
            return "png"
        if path.endswith(".css"):
            return "css"
        if path[1:] in self._pages:
            return "list:" + path[1:]
        return None

    def _make(self, key: str) -> Resource | None:
        kind, _, rest = key.partition(":")
        if kind == "home":
            return self._home()
        if kind == "list":
            column, page = self._pages[rest]
            return self._list(column, page)
        if kind == "article":
            tree, news = rest.split(":")
            article = self._by_id.get((int(tree), int(news)))
            return None if article is None else self._article(article)
        if kind == "file":
            return self._file(int(rest))
        if kind == "png":
            return resource(tiny_png(), "image/png", dt.datetime(2026, 1, 1))
        return resource(b"body{margin:0}\r\n", "text/css", dt.datetime(2026, 1, 1))

    def _home(self) -> Resource:
        paths = (NEWS_PATH, NOTICE_PATH, "xwzx/hydt", "xsyj/zjsd")
        blocks = [(self._by_path[p], self._articles[p][:6]) for p in paths]
        newest = max(dt.datetime.fromisoformat(a.published) for a in self.articles)
        return html_resource(home_page(blocks, self.columns), "utf-8", newest)

    def _list(self, column: Column, page: int) -> Resource:
        entries = self._entries[column.path]
        chunk = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        html = list_page(column, chunk, page, self.page_count(column.path), len(entries))
        return html_resource(html, column.encoding, dt.datetime.fromisoformat(chunk[0].date))

    def _article(self, article: DemoArticle) -> Resource:
        siblings = self._articles[article.column]
        index = siblings.index(article)
        newer = siblings[index - 1] if index > 0 else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
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
