"""``read`` of a feed's item, in Chinese and as JSON: its date as the moment the feed names in
China time (``2026-01-28 14:30``), never the feed's English words, and its author once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from dated_feeds import AUTHOR, ENGLISH_DATE_WORDS, DatedFeeds, dated_feeds

from newsreader.cli.main import main


@pytest.fixture(scope="module")
def feeds() -> Iterator[DatedFeeds]:
    with dated_feeds() as running:
        yield running


def run(capsys: pytest.CaptureFixture[str], cache: Path, *args: str) -> str:
    capsys.readouterr()
    code = main(["--cache-dir", str(cache), "--delay", "0", "--lang", "zh", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("feed", "item"),
    [("rss", "news/1.html"), ("atom", "news/1.html"), ("atom", "gone.html")],
)
def test_read_of_a_feed_item_shows_china_time_and_the_author_once(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, feeds: DatedFeeds, feed: str, item: str
) -> None:
    feed_url = feeds.rss_url if feed == "rss" else feeds.atom_url
    run(capsys, cache_dir, "add", feed_url, "--name", feed)
    url = feeds.generic + item
    text = run(capsys, cache_dir, "--source", feed, "read", url)
    head = text.split("\n\n", 1)[0]
    assert "发布日期: 2026-01-28 14:30" in head, head
    assert not ENGLISH_DATE_WORDS.search(head), head
    assert head.count(AUTHOR) == 1 and "责任编辑" not in head, head
    data = json.loads(run(capsys, cache_dir, "--source", feed, "read", url, "--json"))
    assert (data["date"], data["source"], data["editor"]) == ("2026-01-28", AUTHOR, None)
    shown = {k: v for k, v in data.items() if k not in ("body", "url", "images")}
    assert not ENGLISH_DATE_WORDS.search(json.dumps(shown, ensure_ascii=False)), shown
