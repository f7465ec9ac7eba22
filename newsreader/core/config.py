"""Settings of a newsreader run, and where its files live.

Nothing here touches the file system on import: directories are computed by functions and created
by the code that writes into them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsreader import __version__

DEFAULT_SITE = "https://www.chinaafse.cn/"
APP_NAME = "newsreader"
# The reading measure: 80 cells are 40 CJK characters a line, about what print gives Chinese
# text (and newsboat's text-width is often set to). 0 is "the full width".
DEFAULT_TEXT_WIDTH = 80
CACHE_ENV = "NEWSREADER_CACHE_DIR"
USER_AGENT = (
    f"newsreader/{__version__} (terminal news reader; +https://pypi.org/project/newsreader/)"
)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How the fetcher talks to a site.

    Attributes:
        connect_timeout: Seconds to establish a connection.
        read_timeout: Seconds to wait for any one read.
        deadline: Seconds for a whole request, body included, retries excluded: a server that
            drips bytes cannot hold a request past it.
        max_body: Cap on the decoded body in bytes, enforced while decoding.
        max_redirects: Redirects followed per request, all within the site's host.
        retries: Extra attempts after a 429, 503 or a connection reset (GET only).
        backoff: Base of the exponential backoff between retries, in seconds.
        max_retry_after: Clamp on a server's ``Retry-After``, in seconds.
        per_host: Requests in flight at once per host.
        polite_delay: Seconds between the starts of two requests to one host.
        user_agent: The ``User-Agent`` header.
        respect_robots: Fetch each host's ``/robots.txt`` first and obey it (RFC 9309),
            including its ``Crawl-delay`` (capped at 10 s).
    """

    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    deadline: float = 30.0
    max_body: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    per_host: int = 4
    polite_delay: float = 0.2
    user_agent: str = USER_AGENT
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run of newsreader is configured with.

    Attributes:
        site_url: Base URL of the VSB site, with a trailing slash.
        cache_dir: Directory of the cache database; ``None`` means the platformdirs location.
        offline: Never touch the network.
        lang: UI language, ``zh`` or ``en``.
        fetch: Network settings.
        download_dir: Where attachments are saved; ``None`` means ``Downloads/newsreader``.
        sync_pages: List pages per section that ``sync`` follows by default.
        retention_days: Cached articles older than this are pruned after a sync (0: keep all).
        theme: The TUI's Textual theme name.
        text_width: The reading measure: article text wraps at this many cells at most (the
            TUI's reader, ``read`` on a terminal); 0 means the full width.
    """

    site_url: str = DEFAULT_SITE
    cache_dir: Path | None = None
    offline: bool = False
    lang: str = "zh"
    fetch: FetchSettings = field(default_factory=FetchSettings)
    download_dir: Path | None = None
    sync_pages: int = 1
    retention_days: int = 0
    theme: str = "textual-dark"
    text_width: int = DEFAULT_TEXT_WIDTH

    def resolved_cache_dir(self) -> Path:
        """Return the cache directory: configured, ``$NEWSREADER_CACHE_DIR`` or platformdirs'."""
        if self.cache_dir is not None:
            return self.cache_dir
        env = os.environ.get(CACHE_ENV)
        if env:
            return Path(env).expanduser()
        import platformdirs

        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))

    def cache_path(self) -> Path:
        """Return the path of the cache database file."""
        return self.resolved_cache_dir() / "cache.sqlite3"


def language_from_locale(environ: Mapping[str, str]) -> str:
    """Return the UI language the locale asks for: ``en`` for an English locale, else ``zh``.

    The first set of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` decides, as POSIX has it. Chinese
    is the default, since the site is; ``C``/``POSIX`` locales say nothing about language.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"
