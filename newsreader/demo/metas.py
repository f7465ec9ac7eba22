"""The META tags of a VSB page, by the page's type: both demo templates write the same ones.

A VSB page says what it is in its head (``pageType`` 1 for the home page, 2 for a list page, 3
for an article) and names its site, and its column and article where it has them; the
templates differ only in how they write the tags.
"""

from __future__ import annotations

from newsreader.demo.structure import Column, DemoArticle

__all__ = ["Metas", "article_metas", "home_metas", "list_metas"]

Metas = list[tuple[str, str]]
"""``(name, content)`` of each META tag, in order."""


def home_metas(site_name: str, site_domain: str) -> Metas:
    """Return the META tags of the home page."""
    return [("pageType", "1"), ("SiteName", site_name), ("SiteDomain", site_domain)]


def list_metas(site_name: str, site_domain: str, column: Column) -> Metas:
    """Return the META tags of a list page of ``column``."""
    return [
        ("pageType", "2"),
        ("SiteName", site_name),
        ("SiteDomain", site_domain),
        ("ColumnName", column.title),
    ]


def article_metas(
    site_name: str,
    site_domain: str,
    column: Column,
    article: DemoArticle,
    more: Metas | None = None,
) -> Metas:
    """Return the META tags of an article page, ``more`` (keywords…) before its ``Url``."""
    return [
        ("pageType", "3"),
        ("SiteName", site_name),
        ("SiteDomain", site_domain),
        ("ColumnName", column.title),
        ("ArticleTitle", article.title),
        ("PubDate", article.published),
        ("ContentSource", article.source),
        *(more or []),
        ("Url", f"{site_domain}/{article.path}"),
    ]
