"""End to end: the CLI against synthetic VSB templates (tests/core/templates) served on 127.0.0.1.

The path a user takes on a site the parser has never seen: the section tree from the home page,
then 新闻资讯 › 新闻, then its first article, each page served as the site would (GBK for the old
table template, UTF-8 with a byte-order mark and no charset in the header otherwise).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

import pytest
from cli_runner import Runner
from vsb_sites import ARTICLE, HOME, LIST, site_bytes


class _TemplateServer(ThreadingHTTPServer):
    site = ""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: the test owns the terminal."""

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path).lstrip("/") or HOME
        body = site_bytes(cast(_TemplateServer, self.server).site, path)
        status = 200 if body is not None else 404
        body = body if body is not None else b"not found"
        self.send_response(status)
        # Static VSB pages carry no charset in the header: it comes from <meta>.
        self.send_header("Content-Type", "text/html" if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(params=["a_tables", "b_divnav", "d_dlnav"])
def site_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """One template site served on a free 127.0.0.1 port for the test's duration."""
    server = _TemplateServer(("127.0.0.1", 0), _Handler)
    server.site = request.param
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_sections_list_and_read(
    site_url: str, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    cli = Runner(capsys, site_url, cache_dir)
    tree = cli.json("sections")
    assert isinstance(tree, list) and len(tree) >= 4
    news = next(s for s in tree if s["title"] == "新闻资讯")
    assert news["children"][0] == {"title": "新闻", "url": site_url + LIST, "children": []}

    items = cli.json("list", "新闻资讯/新闻")
    assert isinstance(items, list) and len(items) >= 3
    first = items[0]
    assert first["url"] == site_url + ARTICLE
    assert first["date"] and first["date"][:4] in ("2024", "2026")
    assert "..." not in first["title"] and "…" not in first["title"]

    article = cli.json("read", first["url"])
    assert isinstance(article, dict)
    assert article["title"] == first["title"]
    assert article["date"] == first["date"]
    assert len(article["body"]) > 40 and "上一" not in article["body"]
    assert article["section"] == ["新闻资讯", "新闻"]
    assert article["next"] and article["next"]["url"].startswith(site_url + "info/1023/")
