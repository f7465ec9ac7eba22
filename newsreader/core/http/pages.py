"""An HTML page's conditional request and its answer as a :class:`FetchedPage`.

A cached copy's validators (``ETag``, ``Last-Modified``) go out as ``If-None-Match`` and
``If-Modified-Since``; a 304 keeps them (unless the server sends new ones) and has no text; any
other answer is decoded (:mod:`~newsreader.core.http.decoding`) with the validators it brings.
"""

from __future__ import annotations

import time

from newsreader.core.http.answers import Answer
from newsreader.core.http.decoding import decode_document
from newsreader.core.http.reading import HTML_TYPES
from newsreader.core.results import FetchedPage

__all__ = ["conditional_headers", "fetched_page", "validator"]


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Return the headers that ask for the page only when it changed since the cached copy."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def validator(value: str | None) -> str | None:
    """Return a validator header's value fit to be sent back later, else ``None``."""
    # A validator goes back to the server in a header: one with control characters would make
    # the next request invalid, so it is dropped rather than stored.
    if value is None or not value.isascii() or not value.isprintable():
        return None
    return value


def fetched_page(answer: Answer, *, etag: str | None, last_modified: str | None) -> FetchedPage:
    """Return the page ``answer`` holds, for a request sent with the cached copy's validators.

    Args:
        answer: The final answer (a 2xx, or a 304 to a conditional request).
        etag: The cached copy's ``ETag`` that was sent, if any.
        last_modified: The cached copy's ``Last-Modified`` that was sent, if any.
    """
    etag_out = validator(answer.headers.get("etag"))
    modified_out = validator(answer.headers.get("last-modified"))
    if answer.status == 304:
        return FetchedPage(
            url=answer.url,
            status=304,
            text="",
            etag=etag_out or etag,
            last_modified=modified_out or last_modified,
            fetched_at=time.time(),
        )
    html = answer.media_type in HTML_TYPES
    text, codec = decode_document(answer.body, answer.charset, html=html)
    return FetchedPage(
        url=answer.url,
        status=answer.status,
        text=text,
        content_type=answer.media_type or "text/html",
        encoding=codec,
        etag=etag_out,
        last_modified=modified_out,
        fetched_at=time.time(),
    )
