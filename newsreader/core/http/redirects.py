"""Redirects, followed by hand and by our rules: where one may lead, and the chain's walk.

httpx never follows a redirect for us (see :mod:`~newsreader.core.http.client`): each target is
checked here first. Only http(s) targets on the site, or on the host first asked, are followed;
a loop or more than ``max_redirects`` hops is an error, and every hop is a request of its own
(checked for usability and against robots.txt by the caller's ``hop``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urldefrag, urljoin

from newsreader.core.errors import RedirectError
from newsreader.core.http.answers import Answer
from newsreader.core.http.client import REDIRECTS
from newsreader.core.http.errors import safe
from newsreader.core.urls import problem_cause, same_site, url_problem

__all__ = ["follow_redirects", "redirect_target"]


async def follow_redirects(
    url: str,
    hop: Callable[[str], Awaitable[Answer]],
    *,
    site_url: str,
    max_redirects: int,
) -> Answer:
    """Return the answer at the end of the redirects from ``url``.

    Args:
        url: The URL asked for.
        hop: One request (with its retries) to a URL of the chain.
        site_url: The site's base URL: redirects may go to its host or to ``url``'s.
        max_redirects: The most redirects followed.

    Raises:
        RedirectError: A loop, too many redirects, or a target that may not be followed.
    """
    current = str(urldefrag(url).url)
    seen = {current}
    redirects = 0
    while True:
        answer = await hop(current)
        if answer.status not in REDIRECTS:
            return answer
        target = redirect_target(answer, origin=url, site_url=site_url)
        if target in seen:
            raise RedirectError(
                f"redirect loop: {safe(current)} -> {safe(target)}",
                url=url,
                reason="redirect_loop",
                facts={"url": safe(url)},
            )
        redirects += 1
        if redirects > max_redirects:
            raise RedirectError(
                f"too many redirects (more than {max_redirects}) from "
                f"{safe(url)}, the last to {safe(target)}",
                url=url,
                reason="too_many_redirects",
                facts={"url": safe(url), "count": max_redirects},
            )
        seen.add(target)
        current = target


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
