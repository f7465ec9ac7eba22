"""The one definition of a usable URL, article ids of sane size, and what "the same site" is."""

from __future__ import annotations

import pytest

from newsreader.core.errors import UsageError
from newsreader.core.sources.vsb import (
    MAX_ID_DIGITS,
    article_id,
    article_key,
    canonical_article_url,
    link_problem,
)
from newsreader.core.urls import (
    check_url,
    is_http_url,
    normalize_site_url,
    resolve_url,
    same_site,
    site_root,
    url_problem,
)

LONG = "9" * 4301  # past Python's int() limit of 4,300 digits


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1", "does not parse"),
        ("http://[zz]/", "does not parse"),
        ("http://h:0/", "between 1 and 65535"),
        ("http://h:99999/", "between 1 and 65535"),
        (f"http://h:{LONG}/", "between 1 and 65535"),
        ("http://h:8x/", "not a number"),
        ("http://" + "a" * 70 + ".cn/", "does not encode"),
        ("http://a..b/", "does not encode"),
        ("http://" + ".".join(["abcdefghi"] * 30) + "/", "too long"),
        ("http://ex%61mple.cn/", "characters no host name has"),
        ("http://999.1.1.1/", "not an IPv4 address"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("ftp://h/", "not an http(s) URL"),
        ("http:///x", "no host"),
        ("http://h/" + "x" * 9000, "longer than"),
    ],
)
def test_malformed_urls_are_named_not_raised(url: str, problem: str) -> None:
    found = url_problem(url)
    assert found is not None and problem in found
    assert not is_http_url(url)
    assert link_problem(url) == found
    assert not same_site(url, "http://h/")
    with pytest.raises(UsageError, match="not a usable URL"):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://h/",
        "https://www.h.cn:443/a?b=c#d",
        "http://[::1]:8080/x",
        "http://127.0.0.1:1/",
        "http://中文.cn/info/1/2.htm",
        "http://h_1.example.cn/",
        "http://user:pw@h.cn:65535/",
    ],
)
def test_usable_urls(url: str) -> None:
    assert url_problem(url) is None and is_http_url(url) and check_url(url) == url


def test_same_site_is_host_and_port_with_default_ports_normalised() -> None:
    assert same_site("http://h.cn/a", "https://www.h.cn/")  # VSB sites mix http and https
    assert same_site("http://h.cn:80/a", "http://h.cn/")
    assert same_site("https://h.cn:443/a", "http://www.h.cn:80/")
    assert same_site("http://中文.cn/a", "http://xn--fiq228c.cn/")
    assert same_site("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/")
    assert not same_site("http://127.0.0.1:8081/a", "http://127.0.0.1:8080/")
    assert not same_site("http://h.cn:8080/a", "http://h.cn/")
    assert not same_site("https://h.cn:8080/a", "http://h.cn:8080/")  # another scheme, same port
    assert not same_site("http://h.cn:443/a", "https://h.cn/")
    assert not same_site("http://evil.cn/a", "http://h.cn/")
    assert site_root("https://u@WWW.h.cn:8443/x/y.htm?q") == "https://www.h.cn:8443/"


def test_article_ids_longer_than_18_digits_are_no_article_and_a_bad_link() -> None:
    ok = "9" * MAX_ID_DIGITS
    assert article_id(f"http://h/info/1/{ok}.htm") == (1, int(ok))
    assert article_id(f"http://h/c.jsp?wbtreeid=1&wbnewsid={ok}") == (1, int(ok))
    for url in (
        f"http://h/info/1/{LONG}.htm",
        f"http://h/info/{LONG}/1.htm",
        f"http://h/info/1/{ok}9.htm",
        f"http://h/content.jsp?wbtreeid=1&wbnewsid={LONG}",
    ):
        assert article_id(url) is None
        assert link_problem(url) == "its article id has more than 18 digits"
        assert canonical_article_url(url) == url
        assert article_key(url) == url
    # Unicode digits are no VSB id (int() would read "²" as an error, "١" as 1).
    assert article_id("http://h/c.jsp?wbtreeid=²&wbnewsid=1") is None
    assert article_id("http://h/info/١/2.htm") is None
    assert link_problem("http://h/c.jsp?wbtreeid=²&wbnewsid=1") is None


def test_site_urls_from_the_user() -> None:
    assert normalize_site_url(" www.h.cn ") == "https://www.h.cn/"
    assert normalize_site_url("localhost:8080") == "https://localhost:8080/"
    for bad, why in [
        ("", "empty"),
        ("   ", "empty"),
        ("javascript:alert(1)", r"not an http\(s\) site URL"),
        ("mailto:a@b.c", r"not an http\(s\) site URL"),
        ("http://h:99999/", "between 1 and 65535"),
        ("http://[::1", "does not parse"),
        ("a" * 70 + ".cn", "does not encode"),
    ]:
        with pytest.raises(UsageError, match=why):
            normalize_site_url(bad)


def test_resolve_url_takes_references_relative_to_the_site() -> None:
    assert resolve_url("info/1/2.htm", "http://h/a/") == "http://h/a/info/1/2.htm"
    assert resolve_url(" http://x.cn/y ", "http://h/") == "http://x.cn/y"
    for bad, why in [("", "empty"), (" ", "empty"), ("http://[::1", "not a usable URL")]:
        with pytest.raises(UsageError, match=why):
            resolve_url(bad, "http://h/")
