"""Finding a section in the tree by the ``SECTION`` argument of the CLI (``新闻资讯/新闻``)."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.core.errors import UsageError
from newsreader.core.models import Section


def _norm(title: str) -> str:
    return "".join(title.split())


def find_section(sections: Sequence[Section], spec: str) -> Section:
    """Return the section that ``spec`` names.

    ``spec`` is a path of titles joined by ``/`` from the top of the tree (``新闻资讯/新闻``). A
    single title that is not at the top is accepted when exactly one section bears it (``新闻``).
    Whitespace inside titles is ignored, since menus often pad them.

    Raises:
        UsageError: When nothing, or more than one section, matches; the message lists choices.
    """
    parts = [_norm(p) for p in spec.strip().strip("/").split("/") if _norm(p)]
    if not parts:
        raise UsageError("empty section name", reason="empty_section")
    level: Sequence[Section] = sections
    found: Section | None = None
    for part in parts:
        found = next((s for s in level if _norm(s.title) == part), None)
        if found is None:
            break
        level = found.children
    if found is not None:
        return found
    if len(parts) == 1:
        matches = [s for top in sections for _, s in top.walk() if _norm(s.title) == parts[0]]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            paths = [
                "/".join(path)
                for top in sections
                for path, s in top.walk()
                if _norm(s.title) == parts[0]
            ]
            raise UsageError(
                f"section {spec!r} is ambiguous: {', '.join(paths)}",
                reason="ambiguous_section",
                facts={"section": spec, "choices": ", ".join(paths)},
            )
    choices = ", ".join("/".join(path) for top in sections for path, _ in top.walk())
    raise UsageError(
        f"no section {spec!r}; sections are: {choices}",
        reason="no_section",
        facts={"section": spec, "choices": choices},
    )
