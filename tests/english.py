"""What counts as an English word in Chinese text: the check behind "one language throughout".

A Chinese string may hold ASCII words only where a user types or sees them as they are:

- command, option and placeholder names (``newsreader``, ``sync``, ``--offline``, ``COMMAND``);
- key names (``Esc``, ``Ctrl+O``, single letters such as ``r`` or ``S``);
- protocol, format and file names (``URL``, ``HTTP``, ``TLS``, ``JSON``, ``robots.txt``);
- the language codes of ``--lang`` (``zh``, ``en``).

Anything between backticks is a command line, ``{fields}`` are facts and ``%(fields)s`` are
argparse's; none of them is text to translate. URLs, paths and host names in a rendered line are
facts too, and are removed before the check.
"""

from __future__ import annotations

import re

ALLOWED = frozenset(
    {
        # Commands, options, placeholders.
        "newsreader",
        "sync",
        "opml",
        "xdg-open",
        "COMMAND",
        "SECTION",
        "URL",
        "FILE",
        "MB",
        # Keys.
        "Esc",
        "Tab",
        "Shift",
        "Ctrl",
        "Enter",
        "Space",
        "PageUp",
        "PageDown",
        # Protocols, formats, files.
        "http",
        "https",
        "HTTP",
        "TLS",
        "DNS",
        "IDNA",
        "IPv4",
        "IPv6",
        "SOCKS",
        "HTML",
        "JSON",
        "Markdown",
        "TOML",
        "UTF-8",
        "SQLite",
        "MiB",
        "robots.txt",
        "VSB",
        # Feed formats and the file of a list of feeds.
        "RSS",
        "Atom",
        "Feed",  # JSON Feed
        "OPML",
        "DOCTYPE",
        "md",
        "html",
        "config.toml",
        # Language codes (the values of --lang).
        "zh",
        "en",
    }
)

_NOT_TEXT = re.compile(
    r"`[^`]*`"  # a command line
    r"|\{[^}]*\}"  # a str.format field
    r"|%\([a-z_]+\)[sr]|%[sr]"  # an argparse field
    r"|(?<![\w-])--?[a-z][a-z-]*"  # an option
    r"|\$[A-Z_]+"  # an environment variable
    r"|[a-z]+://\S+"  # a URL
    r"|(?:/[\w.-]+)+/?"  # a path
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\b"  # a host or file name
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z]")


def english_words(text: str) -> list[str]:
    """Return the ASCII words of ``text`` that are not allowed in Chinese text."""
    bare = _NOT_TEXT.sub(" ", text)
    words = (word.rstrip(".") for word in _WORD.findall(bare))
    # A single letter is a key (r, S, l); anything else must be on the list.
    return [word for word in words if len(word) > 1 and word not in ALLOWED]
