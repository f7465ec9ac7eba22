"""A section error names the other source that has the section, and the feed sources that need
none, on the demo's sources served on 127.0.0.1 (the configured site is the demo's own)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.cli.hints import shell_word
from newsreader.core.settings import CONFIG_ENV
from newsreader.demo.campus_pages import SITE_NAME as CAMPUS
from newsreader.demo.sources import DemoSources

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSources]:
    with DemoSources(ports=None) as running:
        yield running


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], cache_dir: Path, demo: DemoSources) -> Runner:
    """The demo's site is the configured one (the default source); the others are added."""
    site, *others = demo.entries
    Path(os.environ[CONFIG_ENV]).write_text(f'site_url = "{site.url}"\n', encoding="utf-8")
    run = Runner(capsys, None, cache_dir)
    for entry in others:
        code, _, err = run("add", entry.url, "--name", entry.name)
        assert code == 0, err
    return run


def test_a_section_of_another_cached_source_says_which_and_how(
    cli: Runner, demo: DemoSources
) -> None:
    # Not cached yet: nothing is fetched for an error message, so there is no hint to give.
    code, out, err = cli("--lang", "en", "list", "综合新闻")
    assert (code, out) == (2, "")
    assert err.startswith("newsreader: Usage error: no section 综合新闻; sections are: ")
    assert "--source" not in err
    assert cli("--source", CAMPUS, "sections")[0] == 0  # its tree is cached now
    code, out, err = cli("--lang", "en", "list", "综合新闻")
    assert (code, out) == (2, "")
    assert err == (
        "newsreader: Usage error: no section 综合新闻 here; it is a section of "
        f"{CAMPUS}: add --source {CAMPUS}\n"
    )
    code, out, err = cli("--lang", "zh", "list", "综合新闻")
    assert (code, out) == (2, "")
    assert err == (
        f"newsreader: 用法错误：没有栏目 综合新闻；它是 {CAMPUS} 的栏目：请加上 --source {CAMPUS}\n"
    )
    code, _, err = cli("--lang", "zh", "feed", "综合新闻")
    assert code == 2 and f"请加上 --source {CAMPUS}" in err
    # Asked as the hint says, it is found.
    code, out, err = cli("--source", CAMPUS, "list", "综合新闻", "--json")
    assert code == 0, err
    # A section nobody has keeps the plain message.
    code, _, err = cli("--lang", "en", "list", "没有这个栏目")
    assert code == 2 and "sections are: " in err and "--source" not in err


@pytest.mark.parametrize(
    ("lang", "command", "line"),
    [
        (
            "en",
            "list",
            "Usage error: list needs a SECTION for a site (see `newsreader sections`); "
            "a feed source takes none, only --source NAME ({feeds})",
        ),
        (
            "en",
            "feed",
            "Usage error: feed needs a SECTION for a site (see `newsreader sections`); "
            "a feed source takes none, only --source NAME ({feeds})",
        ),
        (
            "zh",
            "list",
            "用法错误：列出站点的文章需要指定栏目 (见 `newsreader sections`)；"
            "订阅源不用栏目，只需 --source 名称（{feeds}）",
        ),
        (
            "zh",
            "feed",
            "用法错误：为站点生成订阅需要指定栏目 (见 `newsreader sections`)；"
            "订阅源不用栏目，只需 --source 名称（{feeds}）",
        ),
    ],
)
def test_no_section_names_the_feed_sources_that_need_none(
    cli: Runner, demo: DemoSources, lang: str, command: str, line: str
) -> None:
    feeds = ", ".join(e.name for e in demo.entries if e.kind == "feed")
    code, out, err = cli("--lang", lang, command)
    assert (code, out) == (2, "")
    assert err == f"newsreader: {line.format(feeds=feeds)}\n"


@pytest.mark.parametrize(
    ("name", "typed"),
    [(CAMPUS, CAMPUS), ("lab-news_2", "lab-news_2"), ("Lab News", "'Lab News'"), ("a$b", "'a$b'")],
)
def test_a_source_name_is_shown_as_the_shell_takes_it(name: str, typed: str) -> None:
    assert shell_word(name) == typed
