"""Our own fault server pieces: a path router over :class:`servers.RawServer` and hostile pages.

Pages are built from a real demo-site article (so the parser recognises them) with the title and
body swapped for hostile text; everything is written as raw bytes, so no server library tidies
the headers or the body up on the way out.
"""

from __future__ import annotations

import html
import os
import pty
import select
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from cli_runner import command
from servers import Conn, Handler, RawServer, respond

from newsreader.demo.site import DemoSite

__all__ = [
    "ESC_BYTES",
    "Conn",
    "RawServer",
    "article_page",
    "raw_response",
    "route",
    "run_cli",
    "run_in_pty",
]

_SITE = DemoSite()
_ARTICLE = _SITE.articles[0]
_TEMPLATE = _SITE.resolve("/" + _ARTICLE.path).body.decode("utf-8")  # type: ignore[union-attr]
ARTICLE_PATH = "/" + _ARTICLE.path
"""Where :func:`article_page` pages are served, so that URL rules see an article URL."""

# Bytes no terminal output of ours may ever contain: ESC, and C1 controls encoded in UTF-8
# (U+0080..U+009F are C2 80..C2 9F) or raw (a terminal in an 8-bit mode acts on 0x9B).
ESC_BYTES = (b"\x1b", *(bytes([0xC2, c]) for c in range(0x80, 0xA0)))


def article_page(title: str, body_html: str = "", *, charset: str = "utf-8") -> bytes:
    """Return a demo article page whose title is ``title`` (HTML-escaped) and body is ``body_html``.

    ``title`` may hold entities already (``&#27;``); a raw ``&`` is kept as typed so that tests
    can inject entity-encoded control characters.
    """
    text = _TEMPLATE.replace(_ARTICLE.title, title.replace("<", "&lt;"))
    start = text.index('<div class="v_news_content">') + len('<div class="v_news_content">')
    end = text.index("</div>", start)
    if body_html:
        text = text[:start] + body_html + text[end:]
    return text.replace('charset="utf-8"', f'charset="{charset}"').encode(charset, "replace")


def raw_response(
    status: str = "200 OK",
    headers: Sequence[tuple[str, str]] = (("Content-Type", "text/html; charset=utf-8"),),
    body: bytes = b"",
    *,
    length: bool = True,
) -> Handler:
    """An answer written byte for byte: headers in order, any bytes in them (latin-1)."""

    def handler(conn: Conn) -> None:
        lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers), "Connection: close"]
        if length:
            lines.append(f"Content-Length: {len(body)}")
        conn.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    return handler


def route(routes: Mapping[str, Handler], default: Handler | None = None) -> Handler:
    """Dispatch on the request path (query ignored); ``default`` (a 404) for the rest."""
    fallback = default or respond(b"not found", status="404 Not Found")

    def handler(conn: Conn) -> None:
        path = urlsplit(conn.path).path
        routes.get(path, fallback)(conn)

    return handler


def run_cli(
    site: str, cache: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m newsreader`` in a subprocess (no terminal) and return its bytes."""
    return subprocess.run(
        command(site, cache, *args),
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def run_in_pty(site: str, cache: Path, *args: str, timeout: float = 30) -> tuple[int, bytes]:
    """Run ``python -m newsreader`` with stdout and stderr on a pty; return (status, bytes).

    Every byte the program writes to the terminal is read back, as a terminal would see it.
    """
    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        command(site, cache, *args),
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    chunks: list[bytes] = []
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([primary], [], [], 0.1)
            if ready:
                try:
                    data = os.read(primary, 65536)
                except OSError:  # EIO: the child closed its side
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        status = proc.wait(timeout=max(0.1, end - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(primary)
    return status, b"".join(chunks)


def escaped(text: str) -> str:
    """HTML-escape ``text`` for an attribute or element (quotes included)."""
    return html.escape(text, quote=True)


def demo_site(replace: Mapping[str, str] | None = None, *, robots: bytes | None = None) -> Handler:
    """Serve the demo site byte for byte, with text substitutions applied to every page.

    Args:
        replace: ``{demo text: hostile text}``, applied to every decoded page before re-encoding
            (hostile text may hold entities such as ``&#27;`` or raw characters).
        robots: A robots.txt body to serve; ``None`` answers 404 as the demo does.
    """
    swaps = dict(replace or {})

    def handler(conn: Conn) -> None:
        if robots is not None and urlsplit(conn.path).path == "/robots.txt":
            respond(robots, headers={"Content-Type": "text/plain"})(conn)
            return
        resource = _SITE.resolve(conn.path) or _SITE.not_found()
        body = resource.body
        charset = "utf-8"
        if "charset=" in resource.content_type:
            charset = resource.content_type.split("charset=")[-1].strip()
        if swaps and resource.content_type.startswith("text/html"):
            try:
                text = body.decode(charset)
            except UnicodeDecodeError:  # the GB18030 section: served untouched
                text = None
            if text is not None:
                for old, new in swaps.items():
                    text = text.replace(old, new)
                body = text.encode(charset, "xmlcharrefreplace")
        reason = {200: "OK", 404: "Not Found"}.get(resource.status, "Status")
        headers = [("Content-Type", resource.content_type)]
        raw_response(f"{resource.status} {reason}", headers, body)(conn)

    return handler
