"""robots.txt (issue case 12): the RFC 9309 parser, and the fetcher obeying it on a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import Runner
from faults import ARTICLE_PATH, RawServer, article_page, demo_site, raw_response, respond, route

from newsreader.core.config import FetchSettings
from newsreader.core.errors import NetworkError, RobotsDisallowed
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.http.robots import normalize_path, parse_robots

# --- the parser ------------------------------------------------------------------------------

GROUPS = """\
User-agent: Googlebot
Disallow: /

User-agent: NewsReader/2.0
User-agent: other
Disallow: /private
Allow: /private/ok
Crawl-delay: 3

User-agent: *
Disallow: /everyone
"""


def test_our_group_is_chosen_case_insensitively_over_star() -> None:
    rules = parse_robots(GROUPS)
    assert not rules.allowed("/private/x")
    assert rules.allowed("/private/ok/x")
    assert rules.allowed("/everyone")  # the * group does not apply once ours exists
    assert rules.crawl_delay == 3.0


def test_star_group_when_ours_is_absent_and_groups_merge() -> None:
    text = "User-agent: *\nDisallow: /a\n\nUser-agent: bot\nDisallow: /\n\nUser-agent: *\nDisallow: /b\n"
    rules = parse_robots(text)
    assert not rules.allowed("/a/1") and not rules.allowed("/b/1")
    assert rules.allowed("/c")


def test_no_matching_group_allows_everything() -> None:
    assert parse_robots("User-agent: bot\nDisallow: /\n").allowed("/x")
    assert parse_robots("").allowed("/x")
    assert parse_robots("<html><body>404</body></html>").allowed("/x")


@pytest.mark.parametrize(
    ("rules", "path", "allowed"),
    [
        ("Disallow: /p\nAllow: /p", "/p", True),  # tie: Allow wins
        ("Allow: /p\nDisallow: /p/", "/p/x", False),  # longest wins
        ("Disallow: /p\nAllow: /p/x", "/p/x/y", True),
        ("Disallow: /*.pdf$", "/a/b.pdf", False),
        ("Disallow: /*.pdf$", "/a/b.pdf?x", True),  # "$" anchors the end
        ("Disallow: /*.pdf", "/a/b.pdfs", False),
        ("Disallow: /a*b*c", "/a/x/b/y/c/z", False),
        ("Disallow: /a*b*c", "/a/x/c", True),
        ("Disallow: /info/*/2831.htm$", "/info/1023/2831.htm", False),
        ("Disallow: /search?q=", "/search?q=x", False),  # the query takes part
        ("Disallow: /search?q=", "/search", True),
        ("Disallow:", "/x", True),  # an empty Disallow is no rule
        ("Disallow: /", "/robots.txt", True),  # robots.txt itself is always allowed
        ("Disallow: /新闻", "/%E6%96%B0%E9%97%BB/1.htm", False),  # UTF-8 percent-encoded
        ("Disallow: /%E6%96%B0%e9%97%bb", "/新闻/1.htm", False),  # hex case
        ("Disallow: /%7Euser", "/~user/x", False),  # unreserved decoded
        ("Disallow: /a%2Fb", "/a/b", True),  # %2F is not "/"
        ("Disallow: /a%2fb", "/a%2Fb", False),
        ("disallow : /caps  # comment", "/caps/x", False),
        ("Disallow: /x\nAllow: /x*$", "/x/y", True),  # "*$" is as long and Allow wins
    ],
)
def test_rule_matching(rules: str, path: str, allowed: bool) -> None:
    assert parse_robots(f"User-agent: *\n{rules}\n").allowed(path) is allowed


def test_rules_before_any_user_agent_and_junk_lines_are_ignored() -> None:
    text = "\ufeffDisallow: /\nthis is not a rule\n\x00\x1b[2J:\nUser-agent: *\nDisallow: /b\n"
    rules = parse_robots(text)
    assert rules.allowed("/a") and not rules.allowed("/b")


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf", ""])
def test_bad_crawl_delay_is_ignored(value: str) -> None:
    assert parse_robots(f"User-agent: *\nCrawl-delay: {value}\n").crawl_delay is None


def test_whole_url_and_normalisation() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /a b\n")
    assert not rules.allowed("http://h/a%20b/c")
    assert normalize_path("/é%7e%2f") == "/%C3%A9~%2F"


def test_pathological_patterns_stay_fast() -> None:
    text = "User-agent: *\n" + "Disallow: /" + "*a" * 500 + "$\n" + "Disallow: /x\n" * 20000
    rules = parse_robots(text)
    assert rules.allowed("/" + "a" * 2000 + "b")


# --- the fetcher on a real server ------------------------------------------------------------


def settings(**kwargs: object) -> FetchSettings:
    return FetchSettings(polite_delay=0, retries=0, **kwargs)  # type: ignore[arg-type]


PAGE = article_page("允许的文章")


def robots(body: bytes, status: str = "200 OK") -> RawServer:
    return RawServer(
        route(
            {
                "/robots.txt": raw_response(status, [("Content-Type", "text/plain")], body),
                ARTICLE_PATH: respond(PAGE),
                "/private/a.htm": respond(PAGE),
            }
        )
    )


async def test_disallowed_url_is_not_requested() -> None:
    with robots(b"User-agent: *\nDisallow: /private/\n") as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            page = await f.get(server.url + ARTICLE_PATH.lstrip("/"))
            assert "允许的文章" in page.text
            with pytest.raises(RobotsDisallowed, match="asks robots not to fetch") as info:
                await f.get(server.url + "private/a.htm")
            await f.get(server.url + ARTICLE_PATH.lstrip("/"))
        paths = [r.split(b" ")[1] for r in server.requests]
    assert info.value.title == "Blocked by robots.txt"
    assert paths.count(b"/robots.txt") == 1  # fetched once per fetcher
    assert b"/private/a.htm" not in paths


@pytest.mark.parametrize("status", ["404 Not Found", "403 Forbidden", "410 Gone"])
async def test_4xx_robots_allows_everything(status: str) -> None:
    with robots(b"User-agent: *\nDisallow: /\n", status) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            await f.get(server.url + "private/a.htm")


@pytest.mark.parametrize("status", ["500 Internal Server Error", "503 Service Unavailable"])
async def test_5xx_robots_disallows_all_then_retries_later(status: str) -> None:
    now = [1000.0]
    with robots(b"", status) as server:
        async with Fetcher(settings(), site_url=server.url, clock=lambda: now[0]) as f:
            with pytest.raises(RobotsDisallowed, match="unreachable"):
                await f.get(server.url + ARTICLE_PATH.lstrip("/"))
            with pytest.raises(RobotsDisallowed):
                await f.get(server.url + ARTICLE_PATH.lstrip("/"))
            assert sum(b"/robots.txt" in r for r in server.requests) == 1
            now[0] += 61
            with pytest.raises(RobotsDisallowed):
                await f.get(server.url + ARTICLE_PATH.lstrip("/"))
            assert sum(b"/robots.txt" in r for r in server.requests) == 2


async def test_unreachable_host_is_a_network_error_not_a_robots_block() -> None:
    async with Fetcher(settings(), site_url="http://127.0.0.1:9/") as f:
        with pytest.raises(NetworkError, match=r"robots\.txt"):
            await f.get("http://127.0.0.1:9/a.htm")


async def test_crawl_delay_spaces_requests_and_is_capped() -> None:
    sleeps: list[float] = []
    clock = [0.0]

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    with robots(b"User-agent: newsreader\nCrawl-delay: 600\n") as server:
        async with Fetcher(
            settings(), site_url=server.url, sleep=sleep, clock=lambda: clock[0]
        ) as f:
            for _ in range(3):
                await f.get(server.url + ARTICLE_PATH.lstrip("/"))
    assert sleeps == [10.0, 10.0]  # capped at 10 s, between the article fetches


async def test_redirect_target_is_checked_too() -> None:
    handler = route(
        {
            "/robots.txt": respond(
                b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
            ),
            "/go": raw_response("302 Found", [("Location", "/private/a.htm")]),
        }
    )
    with RawServer(handler) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            with pytest.raises(RobotsDisallowed):
                await f.get(server.url + "go")
        assert not any(b"/private/" in r.split(b"\r\n")[0] for r in server.requests)


async def test_respect_robots_off_fetches_anyway() -> None:
    with robots(b"User-agent: *\nDisallow: /\n") as server:
        async with Fetcher(settings(respect_robots=False), site_url=server.url) as f:
            await f.get(server.url + "private/a.htm")
        assert not any(b"/robots.txt" in r for r in server.requests)


def test_cli_reports_a_robots_block_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(demo_site(robots=b"User-agent: *\nDisallow: /info/\n")) as server:
        cli = Runner(capsys, server.url, tmp_path / "c")
        code, _, err = cli("read", server.url + ARTICLE_PATH.lstrip("/"))
        assert code == 1 and err.count("\n") == 1
        assert "Blocked by robots.txt" in err and ARTICLE_PATH in err
        code, _, _ = cli("list", "新闻资讯/新闻", "--json")
        assert code == 0  # list pages are not disallowed
