"""Loader for the synthetic VSB template sites in ``tests/core/templates`` (see README there).

Pages name the site's shared header and footer with ``<!--#include nav-->`` and
``<!--#include foot-->``; they are expanded here, the way VSB repeats them on every page.
"""

from __future__ import annotations

import re
from pathlib import Path

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
