"""Hostile text from the network never reaches the terminal as escape sequences (issue cases 1, 2).

Pages carry ESC/CSI, OSC 8 (hyperlinks), OSC 52 (clipboard writes), C1 controls raw and as
entities, bidi overrides and zero-width characters, plus Rich/Textual markup. Whatever the output
form (text on a pty, JSON, Markdown, lists, sections, search, error lines), no ESC or C1 byte is
written, the payload markers are gone, and the markup is shown literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import run
from faults import (
    ARTICLE_PATH,
    ESC_BYTES,
    RawServer,
    article_page,
    demo_site,
    raw_response,
    respond,
    route,
    run_in_pty,
)

from newsreader.demo.site import DemoSite

HOSTILE = (
    "标题&#27;[31m红&#27;]52;c;SGVsbG8=&#7;A&#27;]8;;http://evil.test/&#27;\\B&#155;2J"
    "\u202eC\u200bD\u009bE&#x85;F [bold]x[/] [@click=app.quit] a [/"
)
# What the one sanitizer makes of it: sequences removed whole, &#155;/&#x85; are U+203A/U+2026
# by the HTML spec (windows-1252 remapping), the raw U+009B ate its final byte "E".
CLEAN = "标题红AB›2JCD…F [bold]x[/] [@click=app.quit] a [/"
MARKUP = "[link=http://evil.test/]点我[/link] [ @click=app.screenshot('x')]"
MARKERS = (b"]52;c;", b"]8;;", b"[31m", b"\xe2\x80\xae", b"\xe2\x80\x8b")
COLUMN = "xwzx/xw"


def assert_clean(data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    for bad in ESC_BYTES + MARKERS:
        assert bad not in raw, f"{bad!r} reached the output"


@pytest.fixture
def hostile_article() -> Iterator[RawServer]:
    body = f"<p>{HOSTILE}</p><p>{MARKUP}</p><p>第二段&#27;[2J&#27;P1$r&#27;\\完</p>"
    page = article_page(HOSTILE, body)
    with RawServer(route({ARTICLE_PATH: respond(page)})) as server:
        yield server


@pytest.fixture(scope="module")
def hostile_site() -> Iterator[RawServer]:
    """The demo site with the newest 新闻 article's title and a section title made hostile."""
    target = next(a for a in DemoSite().articles if a.column == COLUMN)
    swaps = {target.title: HOSTILE, "行业动态": "行业&#27;]52;c;QUJD&#7;动态\u202e"}
    with RawServer(demo_site(swaps)) as server:
        yield server


def test_read_on_a_pty_writes_no_escape_bytes(hostile_article: RawServer, tmp_path: Path) -> None:
    url = hostile_article.url.rstrip("/") + ARTICLE_PATH
    status, data = run_in_pty(hostile_article.url, tmp_path / "c", "read", url, timeout=30)
    assert status == 0, data.decode(errors="replace")
    assert_clean(data)
    text = data.decode()
    assert CLEAN in text
    assert "第二段完" in text
    assert MARKUP.replace("&#27;", "") in text  # markup shown literally


def test_read_json_title_and_body_are_sanitized_exactly(
    hostile_article: RawServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = hostile_article.url.rstrip("/") + ARTICLE_PATH
    code, out, err = run(capsys, hostile_article.url, tmp_path / "c", "read", url, "--json")
    assert code == 0, err
    assert_clean(out)
    data = json.loads(out)
    assert data["title"] == CLEAN
    assert data["body"].split("\n\n")[:3] == [CLEAN, MARKUP, "第二段完"]


def test_read_markdown_is_sanitized(
    hostile_article: RawServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = hostile_article.url.rstrip("/") + ARTICLE_PATH
    code, out, err = run(capsys, hostile_article.url, tmp_path / "c", "read", url, "--markdown")
    assert code == 0, err
    assert_clean(out)
    assert "第二段完" in out


def test_sections_list_sync_and_search_are_sanitized(
    hostile_site: RawServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "c"
    code, out, err = run(capsys, hostile_site.url, cache, "sections", "--json")
    assert code == 0, err
    assert_clean(out + err)
    news = next(s for s in json.loads(out) if s["title"] == "新闻资讯")
    assert [c["title"] for c in news["children"]] == ["新闻", "行业动态"]
    code, out, err = run(capsys, hostile_site.url, cache, "list", "新闻资讯/新闻")
    assert code == 0, err
    assert_clean(out + err)
    assert CLEAN in out
    code, out, err = run(capsys, hostile_site.url, cache, "sync", "新闻资讯/新闻")
    assert code == 0, err
    assert_clean(out + err)
    code, out, err = run(capsys, hostile_site.url, cache, "--offline", "search", "红AB", "--json")
    assert code == 0, err
    assert_clean(out + err)
    hits = json.loads(out)
    assert [h["title"] for h in hits] == [CLEAN]
    code, out, err = run(capsys, hostile_site.url, cache, "--offline", "search", "红AB")
    assert code == 0 and CLEAN in out
    assert_clean(out + err)


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        # A reason phrase with C1 bytes (obs-text: h11 lets it through) on an unknown status.
        ("599 Bad\x9b2J\x9d52;c;QUJD\x9c Gateway", [("Content-Type", "text/html")]),
        # A redirect off the site whose Location holds C1 controls and a bidi override (UTF-8).
        ("302 Found", [("Location", "http://evil.test/\xc2\x9b2J\xe2\x80\xaeexe.htm")]),
        # A redirect to another scheme, Location with an OSC 52 in C1 form.
        ("301 Moved", [("Location", "file:///etc/passwd\xc2\x9d52;c;QUJD\xc2\x9c")]),
    ],
)
def test_error_lines_quoting_server_text_are_clean(
    status: str, headers: list[tuple[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(route({ARTICLE_PATH: raw_response(status, headers)})) as server:
        url = server.url.rstrip("/") + ARTICLE_PATH
        code, out, err = run(capsys, server.url, tmp_path / "c", "read", url)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert_clean(err)
    assert "\u202e" not in err
    if status.startswith("599"):
        # httpx decodes a reason phrase as ASCII, dropping the C1 bytes: what is left is inert.
        assert "HTTP 599 Bad2J52;c;QUJD Gateway for" in err
    else:
        assert "52;c;" not in err


def test_escape_in_a_raw_header_value_is_a_clean_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = raw_response("302 Found", [("Location", "/x\x1b]52;c;QUJD\x07.htm")])
    with RawServer(route({ARTICLE_PATH: handler})) as server:
        url = server.url.rstrip("/") + ARTICLE_PATH
        code, _, err = run(capsys, server.url, tmp_path / "c", "read", url)
    assert code == 1 and err.count("\n") == 1
    assert_clean(err)
    assert "52;c;" not in err
