"""Two sites on one host (two ports of 127.0.0.1) read into one cache never answer for each other.

Same site means host and port (urls.same_site), and the cache's article keys carry the port too:
before, an article of one port was served, and overwritten, for the same path on the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite


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
