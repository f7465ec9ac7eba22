"""Reading a 2xx answer: is it a page, is it under the cap, and its body, decoded and capped.

A page must be HTML: a Content-Type that says otherwise is refused before the body is read,
one that says nothing useful lets the body decide (sniffing), unless the fetcher's
:class:`~newsreader.core.http.policy.PagePolicy` takes other documents (a feed). A declared
``Content-Length`` over the cap is refused unread; the body itself is streamed through
:class:`~newsreader.core.http.body.BodyReader`, which undoes its ``Content-Encoding`` within
the cap.
"""

from __future__ import annotations

import httpx

from newsreader.core.errors import BodyTooLarge, ContentError
from newsreader.core.http.answers import Answer
from newsreader.core.http.body import BodyReader
from newsreader.core.http.client import preloaded_body
from newsreader.core.http.decoding import looks_like_html, parse_content_type
from newsreader.core.http.errors import map_body_error, not_html, safe
from newsreader.core.http.policy import PagePolicy
from newsreader.core.urls import host_of

__all__ = ["HTML_TYPES", "read_answer"]

HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
# Types servers send when they don't know better: the body decides (sniffing).
_VAGUE_TYPES = frozenset(("", "application/octet-stream", "text/plain"))


async def read_answer(
    response: httpx.Response,
    url: str,
    cap: int,
    *,
    html: bool,
    policy: PagePolicy,
    read_timeout: float,
) -> Answer:
    """Return ``response`` as an :class:`Answer`, its body read for a 2xx only.

    Args:
        response: A streamed response.
        url: The URL asked for (the errors name it).
        cap: The most decoded bytes the body may have.
        html: Whether a page is expected (else any content type is taken).
        policy: What the fetcher takes besides HTML.
        read_timeout: The read timeout, named by the error of a stalled body.

    Raises:
        ContentError: A page was expected and this is none, or the body is unreadable.
        BodyTooLarge: The body (as declared, or as decoded) is over ``cap``.
        FetchError: The connection failed while the body was read.
    """
    headers = response.headers
    status = response.status_code
    if not 200 <= status < 300:
        return Answer(url, status, response.reason_phrase, headers)
    media, charset = parse_content_type(headers.get("content-type"))
    # A policy that accepts other documents judges them by their body: wait for it.
    strict = policy.accepts is None
    if html and media not in HTML_TYPES and media not in _VAGUE_TYPES and strict:
        raise not_html(media, url)
    length = headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > cap:
        raise BodyTooLarge(
            f"page of {int(length)} bytes is over the {cap}-byte cap: {safe(url)}",
            url=url,
            reason="too_large",
            facts={"url": safe(url), "mib": round(cap / 2**20, 1)},
        )
    if response.is_stream_consumed:
        body = preloaded_body(response, cap, url)
    else:
        body = await _read_stream(response, url, cap, read_timeout)
    if (
        html
        and media not in HTML_TYPES
        and not looks_like_html(body)
        and not policy.takes(media, body)
    ):
        raise not_html(media or "no Content-Type", url, or_feed=not strict)
    return Answer(url, status, response.reason_phrase, headers, body, media, charset)


async def _read_stream(response: httpx.Response, url: str, cap: int, read_timeout: float) -> bytes:
    reader = BodyReader(response.headers.get("content-encoding"), cap, url)
    try:
        return await reader.read(response.aiter_raw())
    except httpx.HTTPError as exc:
        raise map_body_error(exc, url, reader.received, read=read_timeout) from exc
    except httpx.StreamError as exc:
        raise ContentError(
            f"unreadable body from {safe(url)}: {safe(exc, 80)}",
            url=url,
            reason="unreadable_body",
            facts={"host": host_of(url) or safe(url)},
        ) from exc
