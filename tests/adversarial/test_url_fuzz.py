"""Fuzzing the URL rules: arbitrary URLs and hrefs through every URL function and the parsers.

Hostile links (4,301-digit article ids, port 99999, 70-character host labels, broken IPv6
brackets, Unicode digits, other schemes) may only ever be answered with ``None``/``False``, a
named problem, or a :class:`UsageError` from the functions that judge what the user typed; what
the parsers hand out is always followable (:func:`link_problem` is ``None``), and a list page's
malformed links are counted in ``ListPage.skipped``.
"""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsreader.core.errors import ParseError, UsageError
from newsreader.core.parse import parse_article, parse_list, parse_sections
from newsreader.core.parse.dom import link_url
from newsreader.core.sources.vsb import (
    MAX_ID_DIGITS,
    article_id,
    article_key,
    canonical_article_url,
    link_problem,
)
from newsreader.core.urls import (
    check_url,
    host_of,
    is_http_url,
    normalize_site_url,
    resolve_url,
    same_site,
    site_key,
    site_root,
    url_problem,
)

BASE = "http://127.0.0.1:8080/xwzx/xw.htm"
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DIGITS = st.one_of(
    st.integers(0, 10**25).map(str),
    st.integers(4290, 4310).map(lambda n: "9" * n),
    st.text("0123456789²١", max_size=24),
)
LABELS = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True),
    st.integers(60, 70).map(lambda n: "a" * n),
    st.text(max_size=10),
    st.sampled_from(["中文", "www", "xn--", "", "%61", "ß", "\u200b", "127", "0"]),
)
HOSTS = st.one_of(
    st.lists(LABELS, min_size=1, max_size=4).map(".".join),
    st.sampled_from(
        ["127.0.0.1", "[::1]", "[::1", "[zz]", "999.1.1.1", "[fe80::1%25eth0]", "u:p@h", "h:"]
    ),
)
PORTS = st.one_of(
    st.just(""),
    st.integers(-5, 10**6).map(lambda p: f":{p}"),
    DIGITS.map(lambda d: ":" + d),
    st.text(max_size=6).map(lambda t: ":" + t),
)
PATHS = st.one_of(
    st.builds(lambda t, n: f"/info/{t}/{n}.htm", DIGITS, DIGITS),
    st.builds(
        lambda t, n: f"/content.jsp?urltype=news.NewsContentUrl&wbtreeid={t}&wbnewsid={n}",
        DIGITS,
        DIGITS,
    ),
    st.text(max_size=20).map(lambda t: "/" + t),
    st.just(""),
)
SCHEMES = st.sampled_from(["http", "https", "HTTP", "hTtPs", "ftp", "javascript", "file", ""])
ABSOLUTE = st.builds(lambda s, h, p, path: f"{s}://{h}{p}{path}", SCHEMES, HOSTS, PORTS, PATHS)
URLS = st.one_of(
    ABSOLUTE,
    PATHS,  # relative hrefs
    PATHS.map(lambda p: p.lstrip("/")),
    st.builds(lambda h, p, path: f"//{h}{p}{path}", HOSTS, PORTS, PATHS),  # scheme-relative
    st.text(max_size=40),
)


def _valid_ids(url: str) -> None:
    ident = article_id(url)
    if ident is not None:
        assert all(0 <= part < 10**MAX_ID_DIGITS for part in ident)


@FUZZ
@given(URLS, URLS)
def test_url_functions_raise_only_usage_errors_and_answer_validly(url: str, other: str) -> None:
    problem = url_problem(url)
    assert problem is None or (isinstance(problem, str) and problem)
    assert is_http_url(url) == (problem is None)
    assert (site_key(url) is None) == (problem is not None)
    if same_site(url, other):
        assert is_http_url(url) and is_http_url(other) and same_site(other, url)
    _valid_ids(url)
    if link_problem(url) is None:
        assert problem is None
    assert isinstance(host_of(url), str)
    assert isinstance(article_key(url), str)
    canonical = canonical_article_url(url)
    assert isinstance(canonical, str)
    if link_problem(url) is None:
        assert link_problem(canonical) is None
        assert article_id(canonical) == article_id(url)
        assert same_site(canonical, url)
    judges = {
        "check_url": check_url,
        "site_root": site_root,
        "resolve_url": lambda u: resolve_url(u, "http://127.0.0.1:8080/a/"),
        "normalize_site_url": normalize_site_url,
    }
    for name, judge in judges.items():
        try:
            answer = judge(url)
        except UsageError as err:
            assert err.one_line().startswith("Usage error: "), name
            assert "\n" not in err.one_line(), name
            continue
        assert url_problem(answer) is None, (name, answer)
    try:
        site = normalize_site_url(url)
    except UsageError:
        return
    assert site.endswith("/") and site_root(site) == site_root(site_root(site))


def _list_page(hrefs: list[str], pager: str) -> str:
    rows = "".join(
        f'<li><a href="{html.escape(h, quote=True)}">标题{i}</a><span>2024-05-{i % 9 + 1:02d}'
        "</span></li>"
        for i, h in enumerate(hrefs)
    )
    return (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        f"<ul class='list'>{rows}</ul><div class='p_pages'><span class='p_t'>共99条 1/5</span>"
        f"<span class='p_next'><a href=\"{html.escape(pager, quote=True)}\">下页</a></span>"
        "</div></body></html>"
    )


@FUZZ
@given(st.lists(URLS, min_size=1, max_size=8), URLS)
def test_list_parser_skips_and_counts_malformed_links(hrefs: list[str], pager: str) -> None:
    page_html = _list_page(hrefs, pager)
    # What the parser sees: the attribute values as lexbor decodes them.
    tree = LexborHTMLParser(page_html.replace("\x00", ""))
    seen = [a.attributes.get("href") or "" for a in tree.css("ul.list a")]
    targets = [t for t in (link_url(h, BASE) for h in seen) if t is not None]
    bad = {t for t in targets if link_problem(t) is not None}
    good = [t for t in targets if link_problem(t) is None]
    try:
        page = parse_list(page_html, BASE)
    except ParseError:
        assert not good or all(article_id(t) is None for t in good)
        return
    for item in page.items:
        assert link_problem(item.url) is None, item.url
        assert item.external == (not same_site(item.url, BASE))
        _valid_ids(item.url)
    if page.next_url is not None:
        assert link_problem(page.next_url) is None and same_site(page.next_url, BASE)
    pager_seen = tree.css_first(".p_next a")
    pager_target = link_url((pager_seen.attributes.get("href") or "") if pager_seen else "", BASE)
    pager_bad = set()
    if pager_target is not None and (
        link_problem(pager_target) is not None or not same_site(pager_target, BASE)
    ):
        pager_bad.add(pager_target)
    if good:
        assert page.skipped == len(bad | pager_bad)
    else:
        assert page.skipped <= len(bad | pager_bad)


@FUZZ
@given(st.lists(URLS, min_size=3, max_size=6))
def test_nav_parser_gives_only_followable_section_urls(hrefs: list[str]) -> None:
    items = "".join(
        f'<li><a href="{html.escape(h, quote=True)}">栏目{i}</a></li>' for i, h in enumerate(hrefs)
    )
    page = f"<html><body><div class='nav'><ul>{items}</ul></div></body></html>"
    for top in parse_sections(page, BASE):
        for _, section in top.walk():
            assert section.url is None or link_problem(section.url) is None, section.url


@FUZZ
@given(URLS, URLS)
def test_article_neighbours_are_followable(prev: str, following: str) -> None:
    page = (
        "<html><head><meta name='pageType' content='3'></head><body><form>"
        "<h1>标题</h1><div class='v_news_content'><p>正文正文正文</p></div>"
        f'<p>上一条：<a href="{html.escape(prev, quote=True)}">前一篇</a></p>'
        f'<p>下一条：<a href="{html.escape(following, quote=True)}">后一篇</a></p>'
        "</form></body></html>"
    )
    try:
        article = parse_article(page, "http://127.0.0.1:8080/info/1/2.htm")
    except ParseError:
        return
    for link in (article.prev, article.next):
        if link is not None:
            assert link_problem(link.url) is None, link.url
