"""Client-side redirects of home pages: ``<meta http-equiv="refresh">`` and JavaScript.

Some VSB sites answer ``/`` with a stub that sends the browser on to ``index.htm`` or
``main.htm``; the nav menu is only on the page it points to.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from newsreader.core.sanitize import clean_line

# A stub is small; a real home page that happens to carry a refresh tag (a news ticker reloading
# itself every few minutes) is not followed.
STUB_MAX_CHARS = 4096

_META_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d*\s*[;,]?\s*"""
    r"""url\s*=\s*['"]?([^"'>\s]+)""",
    re.IGNORECASE,
)
_META_REFRESH_REVERSED = re.compile(
    r"""<meta[^>]+content\s*=\s*["']?\s*\d*\s*[;,]?\s*url\s*=\s*['"]?([^"'>\s]+)[^>]*"""
    r"""http-equiv\s*=\s*["']?refresh""",
    re.IGNORECASE,
)
_SCRIPT_REDIRECT = re.compile(
    r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)""",
    re.IGNORECASE,
)


def redirect_target(html: str, url: str) -> str | None:
    """Return where a redirect stub sends the browser, as an absolute URL, or ``None``.

    Args:
        html: The page's text.
        url: The page's own URL, to resolve a relative target.
    """
    if len(html) > STUB_MAX_CHARS:
        return None
    match = _META_REFRESH.search(html) or _META_REFRESH_REVERSED.search(html)
    target = match.group(1) if match else None
    if target is None:
        script = _SCRIPT_REDIRECT.search(html)
        target = (script.group(1) or script.group(2)) if script else None
    if not target:
        return None
    target = clean_line(target)
    if target.lower().startswith(("javascript:", "data:", "#")):
        return None
    return urljoin(url, target)
