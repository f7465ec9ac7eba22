"""Two sites on one host (two ports of 127.0.0.1) read into one cache never answer for each other.

Same site means host and port (urls.same_site), and the cache's article keys carry the port too:
before, an article of one port was served, and overwritten, for the same path on the other.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.cli.main import main
from newsreader.core.config import FetchSettings
from newsreader.demo.server import DemoServer, Servable
from newsreader.demo.site import DemoSite, Resource
from newsreader.demo.sources import DemoSources


@pytest.fixture
def two_sites() -> Iterator[tuple[DemoServer, DemoServer]]:
    with DemoServer(DemoSite(seed=1)) as first, DemoServer(DemoSite(seed=2)) as second:
        yield first, second


def test_an_article_of_one_port_never_answers_for_the_other(
    two_sites: tuple[DemoServer, DemoServer], capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    first, second = two_sites
    # A path both sites serve, with other articles behind it.
    theirs = {a.path: a.title for a in DemoSite(seed=2).articles}
    path = next(a.path for a in DemoSite(seed=1).articles if theirs.get(a.path, a.title) != a.title)
    a, b = first.url(path), second.url(path)
    at_first = Runner(capsys, first.base_url, cache_dir)
    at_second = Runner(capsys, second.base_url, cache_dir)
    title = at_first.json("read", a)["title"]
    # Not cached for the second site: offline, it is not there (not the first site's copy).
    code, out, err = at_second("--offline", "read", b, "--json")
    assert code == 1 and out == "" and "not in the cache" in err
    # Fetched from the second site, it is stored beside the first one's, never over it.
    other = at_second.json("read", b)
    assert other["url"] == b and other["title"] != title
    assert json.loads(at_first("--offline", "read", a, "--json")[1])["title"] == title
    assert json.loads(at_second("--offline", "read", b, "--json")[1])["title"] == other["title"]


class Arrivals:
    """A site as served, with the time each request arrived and how many were in hand at once.

    Each answer is held for :data:`HOLD` seconds, so that two requests in hand together overlap
    long enough to be seen.
    """

    HOLD = 0.01

    def __init__(self, site: Servable) -> None:
        self.site = site
        self.times: list[float] = []
        self.paths: list[str] = []
        self.most_at_once = 0
        self._now = 0
        self._lock = threading.Lock()

    def resolve(self, path_and_query: str) -> Resource | None:
        """Note the arrival, hold the answer a moment, then give the site's."""
        with self._lock:
            self.times.append(time.monotonic())
            self.paths.append(path_and_query)
            self._now += 1
            self.most_at_once = max(self.most_at_once, self._now)
        try:
            time.sleep(self.HOLD)
            return self.site.resolve(path_and_query)
        finally:
            with self._lock:
                self._now -= 1

    def not_found(self) -> Resource:
        """The site's 404 page."""
        return self.site.not_found()


DELAY = 0.05
"""The polite delay of the run: small, so that the test is quick."""
TOLERANCE = DELAY / 2
"""How much closer than the delay two arrivals may be: the time between the gate's start and
the server reading the request varies a little from one request to the next."""


def test_a_feed_and_the_site_its_items_live_on_share_one_polite_queue(
    capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    def nr(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--cache-dir", str(cache_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    # The RSS portal relays articles of the university's site: while both sync (two hosts
    # for the list, so in parallel), the feed asks the university's host for those pages.
    with DemoSources(ports=None, articles_per_section=2) as demo:
        campus = demo.servers[1]
        assert campus is not None
        seen = Arrivals(campus.site)
        campus.site = seen
        for name, entry in (("campus", demo.entries[1]), ("rss", demo.entries[2])):
            assert nr("add", entry.url, "--name", name)[0] == 0
        for entry in json.loads(nr("sources", "--json")[1]):
            if entry["name"] not in ("campus", "rss"):
                assert nr("remove", entry["name"])[0] == 0
        seen.times.clear()
        seen.paths.clear()
        code, out, err = nr("--delay", str(DELAY), "sync")
    assert code == 0, err
    assert sorted(line.split(":")[0] for line in out.strip().splitlines()) == ["campus", "rss"]
    relayed = {item.link for item in demo.rss.items if item.link.startswith(campus.base_url)}
    assert relayed and relayed <= {campus.url(p) for p in seen.paths}
    # One polite queue for the host: its robots.txt read once, one request at a time, each
    # at least the delay after the one before.
    assert seen.paths.count("/robots.txt") == 1, seen.paths
    assert seen.most_at_once <= FetchSettings().per_host
    gaps = [b - a for a, b in itertools.pairwise(seen.times)]
    assert min(gaps) >= DELAY - TOLERANCE, sorted(gaps)[:5]
