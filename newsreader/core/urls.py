"""URL rules of VSB sites: article identity, canonical forms, same-site checks."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from newsreader.core.errors import UsageError

_INFO_PATH = re.compile(r"/info/(\d+)/(\d+)\.s?html?$", re.IGNORECASE)
HTTP_SCHEMES = frozenset(("http", "https"))


def normalize_site_url(url: str) -> str:
    """Return the site's base URL with a scheme and a trailing slash.

    Args:
        url: What the user gave, e.g. ``www.chinaafse.cn`` or ``https://x.edu.cn/sub``.

    Raises:
        UsageError: When it is not an http(s) URL with a host.
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in HTTP_SCHEMES or not parts.hostname:
        raise UsageError(f"not an http(s) site URL: {url!r}")
    path = parts.path or "/"
    if not path.endswith("/"):
        last = path.rsplit("/", 1)[-1]
        # "…/index.htm" names a page of the site; its directory is the base.
        path = path.rsplit("/", 1)[0] + "/" if "." in last else path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def is_http_url(url: str) -> bool:
    """True when ``url`` is an absolute http or https URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in HTTP_SCHEMES and bool(parts.hostname)


def host_of(url: str) -> str:
    """Return the lower-case host of ``url`` without a leading ``www.`` (empty if none)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def same_site(url: str, base: str) -> bool:
    """True when ``url`` is http(s) on the host of ``base`` (``www.`` or not)."""
    return is_http_url(url) and host_of(url) == host_of(base)


def article_id(url: str) -> tuple[int, int] | None:
    """Return ``(treeid, newsid)`` of a VSB article URL, or ``None`` when it is not one.

    Both forms name one article: ``…/info/{tree}/{id}.htm`` and
    ``…/content.jsp?urltype=news.NewsContentUrl&wbtreeid={tree}&wbnewsid={id}`` (any ``*.jsp``).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    match = _INFO_PATH.search(parts.path)
    if match:
        return int(match.group(1)), int(match.group(2))
    if parts.path.lower().endswith(".jsp") and parts.query:
        query = {k.lower(): v for k, v in parse_qs(parts.query).items()}
        tree, news = query.get("wbtreeid"), query.get("wbnewsid")
        if tree and news and tree[0].isdigit() and news[0].isdigit():
            return int(tree[0]), int(news[0])
    return None


def canonical_article_url(url: str) -> str:
    """Return the canonical URL of an article: the ``info/{tree}/{id}.htm`` form when VSB.

    Non-VSB URLs come back with their fragment removed and nothing else changed.
    """
    parts = urlsplit(url)
    ident = article_id(url)
    if ident is not None and not _INFO_PATH.search(parts.path):
        # VSB writes static article pages under /info/ at the host's root, wherever the
        # dynamic page lives (…/2022/show.jsp links /info/1517/127611.htm).
        return urljoin(url, f"/info/{ident[0]}/{ident[1]}.htm")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def article_key(url: str) -> str:
    """Return the cache key of an article: ``host:tree:id`` for VSB articles, else the URL."""
    ident = article_id(url)
    if ident is None:
        return canonical_article_url(url)
    return f"{host_of(url)}:{ident[0]}:{ident[1]}"
