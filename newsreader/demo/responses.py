"""What a demo site answers: :class:`Resource`, and the responses every demo site makes alike.

Pages get CRLF line ends (a UTF-8 page also a BOM), as VSB writes them, and every response an
``ETag`` and a ``Last-Modified`` so that revalidation can be exercised.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import struct
import zlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import lru_cache
from typing import Generic, TypeVar

__all__ = ["Resource", "Responses", "html_resource", "image", "not_found", "resource"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Resource:
    """One response of a demo site.

    Attributes:
        body: The bytes to send.
        content_type: The ``Content-Type`` header (pages get ``text/html``, no charset, like VSB).
        headers: Extra headers: ``ETag``, ``Last-Modified``, ``Content-Disposition``.
        status: The HTTP status.
    """

    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200


@lru_cache(maxsize=1)
def _tiny_png() -> bytes:
    """Return a valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _http_date(when: dt.datetime) -> str:
    # Demo times are Beijing time (UTC+8); HTTP dates are GMT.
    return formatdate(calendar.timegm(when.timetuple()) - 8 * 3600, usegmt=True)


def html_resource(html: str, encoding: str, when: dt.datetime) -> Resource:
    """Return a page: ``html`` with CRLF line ends in ``encoding``, last modified ``when``."""
    text = html.replace("\r\n", "\n").replace("\n", "\r\n")
    body = text.encode(encoding)
    if encoding == "utf-8":
        body = b"\xef\xbb\xbf" + body
    return resource(body, "text/html", when)


def resource(
    body: bytes, content_type: str, when: dt.datetime, extra: dict[str, str] | None = None
) -> Resource:
    """Return ``body`` with its validators (and the ``extra`` headers)."""
    headers = {
        "ETag": f'"{hashlib.sha1(body).hexdigest()[:20]}"',
        "Last-Modified": _http_date(when),
    }
    headers.update(extra or {})
    return Resource(body, content_type, headers)


def image() -> Resource:
    """Return a body image: every one of the demo is the same valid 1x1 grey PNG."""
    return resource(_tiny_png(), "image/png", dt.datetime(2026, 1, 1))


def not_found(html: str, encoding: str) -> Resource:
    """Return the 404 page ``html``: a page as :func:`html_resource` makes it, no validators."""
    page = html_resource(html, encoding, dt.datetime(2026, 1, 1))
    return Resource(page.body, page.content_type, {}, 404)


class Responses(Generic[K]):
    """A site's responses by key, each made on its first request and kept.

    Args:
        make: Makes the response of a key (``None``: the site has no such page).
    """

    def __init__(self, make: Callable[[K], Resource | None]) -> None:
        self._make = make
        self._made: dict[K, Resource] = {}

    def get(self, key: K | None) -> Resource | None:
        """Return the response of ``key`` (``None`` for no key, or no such page)."""
        if key is None:
            return None
        if key not in self._made:
            made = self._make(key)
            if made is None:
                return None
            self._made[key] = made
        return self._made[key]
