"""One HTTP exchange's answer, and what its status says once the redirects are followed."""

from __future__ import annotations

import http
from dataclasses import dataclass

import httpx

from newsreader.core.errors import HTTPStatusError
from newsreader.core.http.errors import safe

__all__ = ["Answer", "checked_status"]


@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP exchange: the body is read only for a 2xx."""

    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes = b""
    media_type: str = ""
    charset: str | None = None


def _status_text(status: int, reason: str) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return safe(reason, 60)


def checked_status(answer: Answer, *, conditional: bool) -> Answer:
    """Return the final ``answer`` of a fetch when it is a success, else raise.

    Args:
        answer: The answer the redirects led to.
        conditional: The request carried validators: a 304 is then a success.

    Raises:
        HTTPStatusError: Any other status from 300 up.
    """
    if answer.status == 304 and conditional:
        return answer
    if answer.status >= 300:
        text = _status_text(answer.status, answer.reason)
        raise HTTPStatusError(
            f"HTTP {answer.status} {text} for {safe(answer.url)}",
            status=answer.status,
            url=answer.url,
            # The status's text is English (the standard phrase, or the server's own):
            # only the English line says it.
            facts={"url": safe(answer.url), "text": text},
        )
    return answer
