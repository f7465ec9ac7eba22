"""The demo's sources: four sites, each served on its own 127.0.0.1 port (:class:`DemoSources`).

In sidebar order: the demo VSB site, a university news site on another VSB template, an RSS 2.0
news portal and an Atom research blog. A port is a host here: each source is its own site, as
it would be on the internet. ``newsreader --demo`` serves them all and reads its list of sources
from :attr:`DemoSources.entries`, never from the user's own sources file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

from newsreader.demo.campus import CampusSite
from newsreader.demo.campus_pages import SITE_NAME as CAMPUS_NAME
from newsreader.demo.feeds import ATOM_PORTAL, RSS_PORTAL, FeedSite
from newsreader.demo.server import DemoServer, Servable
from newsreader.demo.site import DemoSite
from newsreader.demo.templates import SITE_NAME

DEMO_PORTS = (48123, 48124, 48125, 48126)
"""The fixed ports of the four sources, in order.

Fixed because the cache keys an article by its URL's host and port: the same ports in every run
let a later run (``--demo --offline`` too) find what an earlier one stored.
"""
HOST = "127.0.0.1"
RELAYED_COLUMN = "zsjy/jyxx"
"""The university column whose articles the RSS feed relays (就业信息, links to the VSB site)."""


@dataclass(frozen=True)
class DemoSource:
    """One source of the demo's list, as ``newsreader sources --json`` shows it.

    Attributes:
        name: The site's or the feed's title.
        url: A VSB site's base URL or a feed's URL.
        kind: ``"vsb"`` or ``"feed"``.
    """

    name: str
    url: str
    kind: Literal["vsb", "feed"]


class DemoSources:
    """The four demo sites and their servers; ports are bound on construction.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`.

    Attributes:
        site: The demo VSB site (the first source, the one ``--demo`` reads without ``--source``).
        campus: The university news site.
        rss: The RSS 2.0 portal.
        atom: The Atom blog.
        servers: The running server of each source, in order; ``None`` where none was bound
            (see ``serve_taken``).
        base_urls: The base URL of each source's site, in order.
    """

    def __init__(
        self,
        *,
        seed: int = 7,
        articles_per_section: int = 6,
        ports: Sequence[int] | None = DEMO_PORTS,
        serve_taken: bool = True,
    ) -> None:
        """Build the sites and bind a server for each.

        Args:
            seed: Seed of every site's generated content.
            articles_per_section: Articles of an ordinary column of the two VSB sites.
            ports: The four ports to bind, in order; ``None`` binds free ones (tests).
            serve_taken: What to do when a port is taken. True binds a free port instead (its
                URLs, and so the cache's keys for it, are this run's only). False binds nothing
                and keeps the fixed port's URL, for runs that never fetch (``--offline``):
                they find what was cached under it.
        """
        wanted = list(ports) if ports is not None else [0, 0, 0, 0]
        if len(wanted) != 4:
            raise ValueError(f"four ports are needed, got {len(wanted)}")
        self.site = DemoSite(seed=seed, articles_per_section=articles_per_section)
        self.campus = CampusSite(seed=seed, articles_per_section=articles_per_section)
        self.servers: list[DemoServer | None] = []
        self.base_urls: list[str] = []
        try:
            self._bind(self.site, wanted[0], serve_taken)
            self._bind(self.campus, wanted[1], serve_taken)
            relayed = [
                (a.title, self.base_urls[1] + a.path, dt.datetime.fromisoformat(a.published))
                for a in self.campus.entries(RELAYED_COLUMN)
            ]
            self.rss = FeedSite("rss", seed=seed, elsewhere=relayed)
            self.atom = FeedSite("atom", seed=seed)
            for feed, port in ((self.rss, wanted[2]), (self.atom, wanted[3])):
                self._bind(feed, port, serve_taken)
                feed.base_url = self.base_urls[-1]
        except BaseException:
            self.stop()
            raise

    def _bind(self, site: Servable, port: int, serve_taken: bool) -> None:
        server: DemoServer | None
        try:
            server = DemoServer(site, host=HOST, port=port)
        except OSError:
            # Taken: by another demo most likely. Offline, keep the fixed URL and serve nothing.
            server = None if not serve_taken and port else DemoServer(site, host=HOST, port=0)
        self.servers.append(server)
        self.base_urls.append(server.base_url if server is not None else f"http://{HOST}:{port}/")

    @property
    def entries(self) -> tuple[DemoSource, ...]:
        """The demo's list of sources, in sidebar order."""
        vsb, campus, rss, atom = self.base_urls
        return (
            DemoSource(SITE_NAME, vsb, "vsb"),
            DemoSource(CAMPUS_NAME, campus, "vsb"),
            DemoSource(RSS_PORTAL.name, rss + RSS_PORTAL.feed_path.lstrip("/"), "feed"),
            DemoSource(ATOM_PORTAL.name, atom + ATOM_PORTAL.feed_path.lstrip("/"), "feed"),
        )

    @property
    def base_url(self) -> str:
        """The first source's base URL (the demo VSB site)."""
        return self.base_urls[0]

    def start(self) -> DemoSources:
        """Start every bound server; returns ``self``."""
        for server in self.servers:
            if server is not None:
                server.start()
        return self

    def stop(self) -> None:
        """Stop every server (idempotent)."""
        for server in self.servers:
            if server is not None:
                with contextlib.suppress(OSError):
                    server.stop()

    def __enter__(self) -> DemoSources:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
