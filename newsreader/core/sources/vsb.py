"""Boda VSB CMS sites: everything the program knows about them outside the parsers.

* **Article identity.** Both forms name one article: ``…/info/{tree}/{id}.htm`` (the static
  page) and ``…/content.jsp?urltype=news.NewsContentUrl&wbtreeid={tree}&wbnewsid={id}`` (any
  ``*.jsp``). An id has at most :data:`MAX_ID_DIGITS` ASCII digits, so it fits an SQLite
  ``INTEGER``; a link whose article path carries longer ids is malformed
  (:func:`link_problem`), not a link to some other page.
* **Redirect stubs.** Many home pages are a meta refresh or a script to the real one.
* **Static first.** An article is fetched by its static page, the dynamic form as the fallback.
* **Parsing.** :class:`VsbSource` is the one caller of :mod:`newsreader.core.parse`; the parsers
  are imported on the first parse, so the offline path never loads selectolax.

Only modules in :mod:`newsreader.core.sources` (and the VSB parsers) import this module.
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from newsreader.core.errors import HTTPStatusError
from newsreader.core.models import Article, ListPage, Section
from newsreader.core.results import FetchedPage
from newsreader.core.sources.base import Fetch
from newsreader.core.urls import ascii_digits, normalize_site_url, same_site, site_key, url_problem

KIND = "vsb"
MAX_ID_DIGITS = 18
"""Digits of a VSB tree or article id: 18 always fit a signed 64-bit SQLite INTEGER."""
MAX_STUB_HOPS = 2
"""Redirect stubs followed from the home page at most."""

_INFO_PATH = re.compile(r"/info/([0-9]+)/([0-9]+)\.s?html?$", re.IGNORECASE)


# --- article identity ------------------------------------------------------------------------


def _ids(url: str) -> tuple[str, str] | None:
    """Return the digit strings of a VSB article URL, whatever their length, or ``None``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    match = _INFO_PATH.search(parts.path)
    if match:
        return match.group(1), match.group(2)
    if parts.path.lower().endswith(".jsp") and parts.query:
        query = {k.lower(): v for k, v in parse_qs(parts.query).items()}
        tree, news = query.get("wbtreeid"), query.get("wbnewsid")
        if tree and news and ascii_digits(tree[0]) and ascii_digits(news[0]):
            return tree[0], news[0]
    return None


def article_id(url: str) -> tuple[int, int] | None:
    """Return ``(treeid, newsid)`` of a VSB article URL, or ``None`` when it is not one.

    Ids of more than :data:`MAX_ID_DIGITS` digits name no article (see :func:`link_problem`).
    """
    ids = _ids(url)
    if ids is None or max(len(ids[0]), len(ids[1])) > MAX_ID_DIGITS:
        return None
    return int(ids[0]), int(ids[1])


def link_problem(url: str) -> str | None:
    """Return why a link taken from a page must be skipped, or ``None`` when it may be followed.

    A link is skipped when it is not a fetchable URL, or when it has the form of a VSB article
    URL with ids too long to be one.
    """
    problem = url_problem(url)
    if problem is not None:
        return problem
    ids = _ids(url)
    if ids is not None and max(len(ids[0]), len(ids[1])) > MAX_ID_DIGITS:
        return f"its article id has more than {MAX_ID_DIGITS} digits"
    return None


def canonical_article_url(url: str) -> str:
    """Return the canonical URL of an article: the ``info/{tree}/{id}.htm`` form when VSB.

    Non-VSB URLs come back with their fragment removed and nothing else changed; text that does
    not parse as a URL comes back as it is.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    ident = article_id(url)
    if ident is not None and not _INFO_PATH.search(parts.path):
        # VSB writes static article pages under /info/ at the host's root, wherever the
        # dynamic page lives (…/2022/show.jsp links /info/1517/127611.htm).
        try:
            return urljoin(url, f"/info/{ident[0]}/{ident[1]}.htm")
        except ValueError:
            return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def article_key(url: str) -> str:
    """Return the cache key of an article: ``site:tree:id`` for VSB articles, else the URL.

    The site is what :func:`~newsreader.core.urls.same_site` compares: the host in its ASCII
    (IDNA) form without ``www.``, and the port when it is not the scheme's default
    (``chinaafse.cn:1023:2831``, ``127.0.0.1:8001:1023:2831``). Two sites on one host never share
    a key, and both spellings of an internationalised host share one.
    """
    ident = article_id(url)
    where = site_prefix(url) if ident is not None else None
    if ident is None or where is None:
        return canonical_article_url(url)
    return f"{where}{ident[0]}:{ident[1]}"


def site_prefix(url: str) -> str | None:
    """Return how the keys of the articles of the site of ``url`` begin (``chinaafse.cn:``).

    ``None`` when ``url`` is not a fetchable URL. See :func:`article_key`.
    """
    site = site_key(url)
    if site is None:
        return None
    host, _scheme, port = site
    where = f"[{host}]" if ":" in host else host
    return f"{where}:{port}:" if port else f"{where}:"


# Written by the VSB templates and nothing else: the body containers, the generator comment,
# the script that greys a site out on days of mourning, the CMS's resource path.
def looks_like_vsb(html: str) -> bool:
    """True when ``html`` is a page of a VSB site (one of the template's own markers is in it).

    Links are no sign here: any page may link to a VSB site's articles.
    """
    return any(pattern.search(html) for _, pattern in _MARKERS)


# --- fetching --------------------------------------------------------------------------------


async def static_first(url: str, fetch: Fetch) -> FetchedPage:
    """Fetch an article by its canonical ``info/T/N.htm`` URL, and as given if that is a 404.

    A ``content.jsp`` page's relative links are written for the static page's directory on many
    VSB sites, and the static page is cheaper for the server; the dynamic form is the fallback
    for articles that have no static page.
    """
    canonical = canonical_article_url(url)
    if canonical == url:
        return await fetch(url)
    try:
        return await fetch(canonical)
    except HTTPStatusError as err:
        if err.status != 404:
            raise
        return await fetch(url)


class VsbSource:
    """A Boda VSB CMS site (see the module's docstring).

    Args:
        site_url: The site's URL as the user gave it (normalised here).

    Raises:
        UsageError: ``site_url`` is not a fetchable http(s) URL.
    """

    kind = KIND

    def __init__(self, site_url: str) -> None:
        self.home_url = normalize_site_url(site_url)

    @property
    def max_list_items(self) -> int:
        """Entries one list page gives at most."""
        from newsreader.core.parse.listing import MAX_LIST_ITEMS

        return MAX_LIST_ITEMS

    def article_key(self, url: str) -> str:
        """Return ``host:tree:id`` of a VSB article URL (either form), else the URL."""
        return article_key(url)

    def canonical_url(self, url: str) -> str:
        """Return the ``info/{tree}/{id}.htm`` form of a VSB article URL."""
        return canonical_article_url(url)

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` is a VSB article URL of either form."""
        return article_id(url) is not None

    async def home_page(self, fetch: Fetch, fetch_fresh: Fetch) -> FetchedPage:
        """Fetch the home page, following a redirect stub (meta refresh or script) on the site."""
        from newsreader.core.parse.redirects import redirect_target

        page = await fetch(self.home_url)
        for _ in range(MAX_STUB_HOPS):
            target = redirect_target(page.text, page.url)
            if target is None or not same_site(target, self.home_url) or target == page.url:
                break
            # Fetched unconditionally: a 304 here would leave nothing to parse.
            page = await fetch_fresh(target)
        return page

    async def fetch_article(self, url: str, fetch: Fetch) -> FetchedPage:
        """Fetch an article by its static ``info/T/N.htm`` form, else as given."""
        return await static_first(url, fetch)

    def parse_sections(self, page: FetchedPage) -> tuple[Section, ...]:
        """Return the section tree from the home page's nav menu."""
        from newsreader.core.parse import parse_sections

        return parse_sections(page.text, page.url)

    def parse_list(self, page: FetchedPage) -> ListPage:
        """Return one list page: its items, canonical URLs, and the next page's URL."""
        from newsreader.core.parse import parse_list

        return parse_list(page.text, page.url)

    def parse_article(self, page: FetchedPage) -> Article:
        """Return the article on ``page``.

        Raises:
            ParseError: The page holds no article.
        """
        from newsreader.core.parse import parse_article

        return parse_article(page.text, page.url)

    def site_name(self, html: str) -> str | None:
        """Return the ``SiteName`` META, else the ``<title>`` cleaned."""
        from newsreader.core.parse import parse_site_name

        return parse_site_name(html)


# --- a site's base URL from any of its pages --------------------------------------------------

MAX_BASE_LINKS = 500
"""Article links of a page counted at most to find its site's base."""
_HOME_NAMES = re.compile(r"^(?:index|default|main)\.[a-z]+$", re.IGNORECASE)


def site_base(html: str, url: str) -> str:
    """Return the base URL of the VSB site that the page ``html`` at ``url`` belongs to.

    Where the site keeps its ``info/`` folder: a reader adding a notice board gives the URL of
    a list page (``https://x.edu.cn/tzgg.htm``, ``…/xwzx/xw.htm``) or of an article, whose own
    folder is no site (``…/xwzx/`` answers 404). A home page (``/``, ``index.htm``) is its
    site's base; an article's base is what comes before its ``info/``; another page's is the
    one its own site's article links share most (list pages link their articles as
    ``../info/T/N.htm``); with none, the page's folder (:func:`normalize_site_url`).

    Raises:
        UsageError: ``url`` is not a fetchable URL.
    """
    own = normalize_site_url(url)
    path = urlsplit(url).path or "/"  # ``https://x.edu.cn`` is its home too
    if path.endswith("/") or _HOME_NAMES.match(path.rsplit("/", 1)[-1]):
        return own
    before_info = _info_base(url)
    if before_info is not None:
        return before_info
    counts: dict[str, int] = {}
    for match in itertools.islice(_INFO_LINK.finditer(html), MAX_BASE_LINKS):
        try:
            link = urljoin(url, match.group(1))
        except ValueError:
            continue
        base = _info_base(link) if same_site(link, url) else None
        if base is not None:
            counts[base] = counts.get(base, 0) + 1
    return max(counts, key=lambda base: counts[base]) if counts else own


def _info_base(url: str) -> str | None:
    """Return what comes before an article URL's ``info/`` (or its ``content.jsp``), if any."""
    if article_id(url) is None:
        return None
    parts = urlsplit(url)
    match = _INFO_PATH.search(parts.path)
    folder = parts.path[: match.start() + 1] if match else parts.path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), folder, "", ""))


# --- recognising a VSB site ------------------------------------------------------------------

_MARKERS = (
    ("the Visual SiteBuilder comment", re.compile(r"<!--[^>]{0,200}?Visual\s*SiteBuilder", re.I)),
    ("_sitegray", re.compile(r"/_sitegray/", re.I)),
    ("/system/resource/ scripts", re.compile(r"/system/resource/", re.I)),
    ("VSB article markup", re.compile(r"""["'\s](?:vsb_content|v_news_content)["'\s]""", re.I)),
)
_INFO_LINK = re.compile(
    r"""href\s*=\s*["']?((?:[^"'\s>]*/)?info/[0-9]{1,18}/[0-9]{1,18}\.s?html?)""", re.I
)
MIN_INFO_LINKS = 2
"""``info/T/N.htm`` links that, without any other marker, make a page a VSB site's."""


def vsb_markers(html: str, url: str) -> tuple[str, ...]:
    """Return the signs of a VSB site found in a page's HTML (empty when none).

    The signs are the ``Visual SiteBuilder`` comment, the ``_sitegray`` style sheet and script,
    ``/system/resource/`` scripts, the ``vsb_content``/``v_news_content`` article markup, and
    links to ``info/{tree}/{id}.htm`` article pages on the page's own site (at least
    :data:`MIN_INFO_LINKS`: a news aggregator linking another VSB site's articles is no VSB
    site).

    Args:
        html: The page's text.
        url: The page's URL (links resolve against it).
    """
    found = [name for name, pattern in _MARKERS if pattern.search(html)]
    links = 0
    for match in _INFO_LINK.finditer(html):
        try:
            target = urljoin(url, match.group(1))
        except ValueError:
            continue
        if same_site(target, url):
            links += 1
            if links >= MIN_INFO_LINKS:
                found.append("info/T/N.htm article links")
                break
    return tuple(found)
