"""One HTTP exchange's answer, and the rules for reading it: status, validators, redirects."""

from __future__ import annotations

import http
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

import httpx

from newsreader.core.errors import RedirectError
from newsreader.core.http.errors import safe
from newsreader.core.urls import problem_cause, same_site, url_problem


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


def status_text(status: int, reason: str) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return safe(reason, 60)


def validator(value: str | None) -> str | None:
    # A validator goes back to the server in a header: one with control characters would make
    # the next request invalid, so it is dropped rather than stored.
    if value is None or not value.isascii() or not value.isprintable():
        return None
    return value


def redirect_target(answer: Answer, *, origin: str, site_url: str) -> str:
    """Return where a redirect points, or raise when it may not be followed.

    Only http(s) targets on the site, or on the host first asked, are followed.
    """
    location = answer.headers.get("location", "").strip()
    if not location:
        raise RedirectError(
            f"HTTP {answer.status} redirect without a Location from {safe(answer.url)}",
            url=answer.url,
            reason="redirect_unusable",
            facts={"url": safe(answer.url)},
        )
    try:
        target = str(urldefrag(urljoin(answer.url, location)).url)
    except ValueError as exc:
        raise RedirectError(
            f"unreadable redirect target {safe(location)}",
            url=answer.url,
            reason="redirect_unusable",
            facts={"url": safe(answer.url)},
        ) from exc
    problem = url_problem(target)
    if problem is not None:
        if target.lower().startswith(("http://", "https://")):
            raise RedirectError(
                f"redirect to an unusable URL refused: {safe(target)} ({problem})",
                url=answer.url,
                reason="redirect_refused",
                facts={"url": safe(target), "cause": problem_cause(problem)},
            )
        raise RedirectError(
            f"redirect to a non-http(s) URL refused: {safe(target)}",
            url=answer.url,
            reason="redirect_non_http",
            facts={"url": safe(target)},
        )
    if not (same_site(target, origin) or same_site(target, site_url)):
        raise RedirectError(
            f"redirect off the site refused: {safe(answer.url)} -> {safe(target)}",
            url=answer.url,
            reason="redirect_off_site",
            facts={"url": safe(target)},
        )
    return target
