"""Loader for the synthetic VSB template sites in ``tests/core/templates`` (see README there).

Pages name the site's shared header and footer with ``<!--#include nav-->`` and
``<!--#include foot-->``; they are expanded here, the way VSB repeats them on every page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).parent / "core" / "templates"
HOME, LIST, ARTICLE = "index.htm", "xwzx/xw.htm", "info/1023/2831.htm"
_INCLUDE = re.compile(r"<!--#include (\w+)-->")


def page(site: str, path: str) -> str | None:
    """Return the expanded text of ``path`` in template ``site``, or ``None`` when absent."""
    file = (ROOT / site / path).resolve()
    if ROOT.resolve() not in file.parents or not file.is_file() or file.name.startswith("_"):
        return None
    text = file.read_text(encoding="utf-8")

    def include(match: re.Match[str]) -> str:
        part = ROOT / site / f"_{match.group(1)}.html"
        return part.read_text(encoding="utf-8") if part.is_file() else ""

    return _INCLUDE.sub(include, text)


def site_bytes(site: str, path: str) -> bytes | None:
    """Return ``path`` encoded as its site would serve it: GBK when it declares gb2312, else
    UTF-8 with a byte-order mark (VSB's static pages); ``None`` when absent."""
    text = page(site, path)
    if text is None:
        return None
    if "charset=gb2312" in text[:400].lower():
        return text.encode("gbk")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


@contextmanager
def serve_template(site: str, extra: Mapping[str, bytes] | None = None) -> Iterator[str]:
    """Serve template ``site`` (and ``extra`` pages by path, first) on a free 127.0.0.1 port.

    Yields the base URL. Static VSB pages carry no charset in the header: it comes from <meta>.
    """
    pages = dict(extra or {})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Log nothing: the test owns the terminal."""

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path).lstrip("/") or HOME
            body = pages.get(path) or site_bytes(site, path)
            status = 200 if body is not None else 404
            body = body if body is not None else b"not found"
            self.send_response(status)
            self.send_header("Content-Type", "text/html" if status == 200 else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
