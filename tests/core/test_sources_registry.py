"""The user's list of sources: the model, the TOML file, and errors in a hand-edited one."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.config import DEFAULT_SITE
from newsreader.core.errors import ConfigError, SaveError, UsageError
from newsreader.core.sources.registry import (
    DEFAULT_SITE_NAME,
    MAX_NAME_CHARS,
    Registry,
    SourceEntry,
    load_registry,
    make_entry,
    render_sources,
    source_identity,
    sources_path,
)
from newsreader.core.sources.registry_file import toml_string, write_atomic
from newsreader.core.sources.registry_parse import parse_sources

FEED = make_entry("Feed", "https://example.com/feed.xml", "feed")
SITE = make_entry("学院新闻", "https://news.example.edu.cn/", "vsb")


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- first start and the file ----------------------------------------------------------------


def test_first_start_is_the_association_alone(tmp_path: Path) -> None:
    registry = load_registry(tmp_path / "sources.toml")
    assert registry.entries == (SourceEntry(DEFAULT_SITE_NAME, DEFAULT_SITE, "vsb"),)
    assert not registry.exists
    assert not (tmp_path / "sources.toml").exists()  # reading writes nothing


def test_first_start_is_the_configured_site(tmp_path: Path) -> None:
    registry = load_registry(tmp_path / "sources.toml", "www.example.edu.cn/jwc/")
    assert registry.entries == (
        SourceEntry("example.edu.cn/jwc", "https://www.example.edu.cn/jwc/", "vsb"),
    )


def test_removing_every_source_leaves_an_empty_list_once_written(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    load_registry(path).removed(DEFAULT_SITE_NAME).save()
    again = load_registry(path)
    assert again.entries == ()
    assert again.exists


def test_save_and_load_keep_order_names_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "sources.toml"
    Registry(path, (SITE, FEED)).save()
    assert load_registry(path).entries == (SITE, FEED)
    assert not [p for p in path.parent.iterdir() if p.name != "sources.toml"]  # no temp file


def test_save_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "sources.toml"
    real.parent.mkdir()
    real.write_text("", encoding="utf-8")
    link = tmp_path / "sources.toml"
    link.symlink_to(real)
    Registry(link, (FEED,)).save()
    assert link.is_symlink()
    assert load_registry(real).entries == (FEED,)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_an_unwritable_directory_is_a_save_error_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    Registry(path, (SITE,)).save()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="cannot save"):
            Registry(path, (SITE, FEED)).save()
    finally:
        tmp_path.chmod(0o700)
    assert load_registry(path).entries == (SITE,)


def test_sources_file_is_beside_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sources_path(tmp_path / "x" / "my.toml") == tmp_path / "x" / "sources.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "env" / "config.toml"))
    assert sources_path() == tmp_path / "env" / "sources.toml"


# --- identity and names -----------------------------------------------------------------------


def test_one_source_whatever_the_spelling_of_its_url() -> None:
    same = [
        "https://www.Example.edu.cn/",
        "http://example.edu.cn/",
        "https://example.edu.cn:443/#top",
    ]
    assert len({source_identity(url) for url in same}) == 1
    assert source_identity("http://example.edu.cn:8080/") != source_identity(same[0])
    assert source_identity("https://example.edu.cn/a/") != source_identity(same[0])
    registry = Registry(Path("x"), (make_entry("A", same[0], "vsb"),))
    with pytest.raises(UsageError, match="already a source"):
        registry.added(make_entry("B", same[1], "vsb"))


def test_names_are_unique_ignoring_case_and_width() -> None:
    registry = Registry(Path("x"), (make_entry("News", "https://a.cn/", "vsb"),))
    with pytest.raises(UsageError, match="taken"):
        registry.added(make_entry("ｎｅｗｓ", "https://b.cn/", "vsb"))
    assert registry.named("NEWS").url == "https://a.cn/"
    assert registry.unique_name("news") == "news (2)"
    with pytest.raises(UsageError, match="no source named 'Other'"):
        registry.named("Other")


def test_rename_checks_the_new_name() -> None:
    registry = Registry(Path("x"), (SITE, FEED))
    assert registry.renamed("feed", "  Blog ").entries[1] == SourceEntry("Blog", FEED.url, "feed")
    with pytest.raises(UsageError, match="taken"):
        registry.renamed("Feed", "学院新闻")
    assert registry.renamed("Feed", " a\n\u3000b ").entries[1].name == "a b"
    for bad in ("", "   ", "x" * (MAX_NAME_CHARS + 1), "bidi\u202eevil", "nul\x00", "\udcff"):
        with pytest.raises(UsageError):
            registry.renamed("Feed", bad)


def test_for_url_finds_the_site_with_the_longest_base() -> None:
    root = make_entry("Root", "https://x.edu.cn/", "vsb")
    sub = make_entry("Sub", "https://x.edu.cn/jwc/", "vsb")
    feed = make_entry("Feed", "https://x.edu.cn/rss.xml", "feed")
    registry = Registry(Path("x"), (feed, root, sub))
    assert registry.for_url("https://x.edu.cn/jwc/info/1/2.htm") == sub
    assert registry.for_url("http://www.x.edu.cn/info/1/2.htm") == root
    assert registry.for_url("https://y.edu.cn/info/1/2.htm") is None
    assert Registry(Path("x"), (feed,)).for_url("https://x.edu.cn/a.htm") == feed


# --- errors in a hand-edited file: file, line and key -----------------------------------------

GOOD = '[[source]]\nname = "A"\nurl = "https://a.cn/"\nkind = "vsb"\n'


@pytest.mark.parametrize(
    ("text", "line", "key", "problem"),
    [
        (GOOD + '\n[[source]]\nname = "B"\nkind = "feed"\n', 6, "url", "missing"),
        (
            GOOD + '\n[[source]]\nname = "B"\nurl = "https://b.cn/"\nkind = "rss"\n',
            9,
            "kind",
            "rss",
        ),
        (GOOD + '\n[[source]]\nname = "B"\nurl = "ftp://b.cn/"\nkind = "vsb"\n', 8, "url", "http"),
        (
            GOOD + '\n[[source]]\nname = "a"\nurl = "https://b.cn/"\nkind = "vsb"\n',
            7,
            "name",
            "twice",
        ),
        (GOOD + '\n[[source]]\nname = "B"\nurl = "http://a.cn"\nkind = "vsb"\n', 8, "url", "twice"),
        (GOOD + '\n[[source]]\nname = "B"\nurl = 3\nkind = "vsb"\n', 8, "url", "string"),
        (GOOD + 'colour = "red"\n', 5, "colour", "unknown key"),
        ("version = 2\n\n" + GOOD, 1, "version", "unknown key"),
        ('[[source]]\nname = "   "\nurl = "https://a.cn/"\nkind = "vsb"\n', 2, "name", "empty"),
    ],
)
def test_a_semantic_error_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, problem: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_registry(path)
    message = caught.value.message
    assert message.startswith(f"{path}, line {line}: {key}: ")
    assert problem in message


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = _file(tmp_path, GOOD + '\n[[source]\nname = "B"\n')
    with pytest.raises(ConfigError) as caught:
        load_registry(path)
    assert str(path) in caught.value.message
    assert "line 6" in caught.value.message


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(GOOD.encode() + b'\n[[source]]\nname = "\xff"\n')
    with pytest.raises(ConfigError, match=r"line 7: not UTF-8"):
        load_registry(path)


def test_a_byte_order_mark_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert [e.name for e in load_registry(path).entries] == ["A"]


def test_an_inline_array_is_read_and_its_errors_still_have_a_line(tmp_path: Path) -> None:
    text = 'source = [\n  {name = "A", url = "https://a.cn/", kind = "vsb"},\n  {name = "B"},\n]\n'
    with pytest.raises(ConfigError, match=r", line 1: url: missing"):
        load_registry(_file(tmp_path, text))
    good = 'source = [{name = "A", url = "https://a.cn/", kind = "vsb"}]\n'
    assert load_registry(_file(tmp_path, good)).entries[0].name == "A"


# --- writing TOML ------------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # no lone surrogates: not UTF-8
    max_size=60,
)


@given(_TEXT)
def test_toml_string_round_trips_any_text(text: str) -> None:
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


def test_toml_string_escapes_what_toml_cannot_hold() -> None:
    samples = ['"', "\\", "\n", "\r\n", "\t", "\x00", "\x1b[31m", "\x7f", "中文「引号」", '\\"\\n']
    for text in samples:
        assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
    with pytest.raises(ValueError, match="surrogate"):
        toml_string("\udcff")


_NAME = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@given(st.lists(_NAME, max_size=5))
def test_a_written_list_reads_back_the_same(names: list[str]) -> None:
    registry = Registry(Path("s.toml"), ())
    for i, name in enumerate(names):
        try:
            entry = make_entry(registry.unique_name(name), f'https://s{i}.cn/f?a=1&b="', "feed")
        except UsageError:
            continue  # not a name newsreader accepts (empty, invisible characters)
        registry = registry.added(entry)
    assert parse_sources(render_sources(registry.entries), Path("s.toml")) == registry.entries


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    write_atomic(path, "old")
    with pytest.raises(SaveError):
        write_atomic(tmp_path / "sources.toml" / "child", "new")
    assert path.read_text(encoding="utf-8") == "old"
