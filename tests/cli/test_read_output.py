"""What ``read`` and ``export`` print: labels in the run's language, tables aligned by cells."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.core.cells import cell_len
from newsreader.core.render.labels import labels_for
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

ENGLISH = ("Source: ", "Published: ", "Section: ", "Previous: ", "Next: ")
CHINESE = ("来源: ", "发布日期: ", "栏目: ", "上一条: ", "下一条: ")


def test_read_text_and_markdown_labels_follow_lang(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    url = demo_server.url(demo_site.articles[0].path)
    code, english, err = cli("--lang", "en", "read", url)
    assert code == 0, err
    assert all(label in english for label in ENGLISH)
    assert not any(label in english for label in CHINESE)
    code, chinese, err = cli("--lang", "zh", "read", url)
    assert code == 0, err
    assert all(label in chinese for label in CHINESE)
    code, markdown, err = cli("--lang", "en", "read", url, "--markdown")
    assert code == 0, err
    assert f"- Original: <{url}>" in markdown and "- Source: " in markdown
    assert not any(label in markdown for label in CHINESE)


def test_read_json_does_not_depend_on_lang(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    url = demo_server.url(demo_site.articles[0].path)
    assert cli.json("--lang", "en", "read", url) == cli.json("--lang", "zh", "read", url)


def test_export_labels_follow_lang(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    url = demo_server.url(demo_site.articles[0].path)
    for fmt in ("md", "html"):
        code, out, err = cli("--lang", "en", "export", url, "--format", fmt, "-o", str(tmp_path))
        assert code == 0, err
        text = Path(out.strip()).read_text(encoding="utf-8")
        assert "Source: " in text and "Original: " in text
        assert "Previous: " in text or "Next: " in text
        assert not any(label in text for label in CHINESE)


def test_read_prints_tables_aligned_in_terminal_cells(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    code, text, err = cli("read", demo_server.url(demo_site.articles[0].path))
    assert code == 0, err
    grid = [line for line in text.splitlines() if line.startswith(("│", "├"))]
    assert len(grid) >= 4 and "序号" in grid[0] and "地区" in grid[0]
    assert len({cell_len(line) for line in grid}) == 1

    def columns(line: str) -> tuple[int, ...]:
        return tuple(cell_len(line[:i]) for i, ch in enumerate(line) if ch in "│┼├┤")

    assert len({columns(line) for line in grid}) == 1


def _on_a_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(
        shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((columns, 50))
    )


@pytest.mark.parametrize(
    ("columns", "config", "widest"),
    [
        (160, "", 80),  # the default measure: 40 CJK characters a line
        (160, "text_width = 60\n", 60),
        (160, "text_width = 0\n", 159),  # the full terminal (less the last column)
        (70, "", 69),  # the terminal is narrower than the measure
    ],
)
def test_read_wraps_at_the_measure_or_the_terminal_whichever_is_narrower(
    cli: Runner,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
    config: str,
    widest: int,
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    _on_a_terminal(monkeypatch, columns)
    code, text, err = cli(
        "--config", str(path), "read", demo_server.url(demo_site.articles[0].path)
    )
    assert code == 0, err
    # Lines holding a URL are never broken (they are for copying).
    body = [line for line in text.splitlines() if "://" not in line]
    assert max(cell_len(line) for line in body) in (widest, widest - 1)


def test_read_into_a_pipe_is_not_wrapped(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    code, text, err = cli("read", demo_server.url(demo_site.articles[0].path))
    assert code == 0, err
    assert max(cell_len(line) for line in text.splitlines()) > 160


@pytest.mark.parametrize(("lang", "after"), [("zh", "栏目: "), ("en", "Section: ")])
def test_read_wraps_the_metadata_between_fields_never_inside_a_label(
    cli: Runner,
    demo_server: DemoServer,
    demo_site: DemoSite,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    after: str,
) -> None:
    # The joined line was wrapped like a paragraph: `责任编` / `辑`, `来源: 协会信息` / `服务部`.
    url = demo_server.url(demo_site.articles[0].path)
    code, piped, err = cli("--lang", lang, "read", url)
    assert code == 0, err
    fields = piped.splitlines()[2].split("   ")  # unwrapped: one line under the title's rule
    words = labels_for(lang)
    # The labels of the run's language, the ones the reader shows.
    assert [field.split(": ", 1)[0] for field in fields] == [words.source, words.date, words.editor]
    for width in range(20, cell_len("   ".join(fields)) + 2):
        _on_a_terminal(monkeypatch, width + 1)
        code, text, err = cli("--lang", lang, "read", url)
        assert code == 0, err
        lines = text.splitlines()
        rule = next(i for i, line in enumerate(lines) if line.strip("=") == "")
        meta = lines[rule + 1 : next(i for i, line in enumerate(lines) if line.startswith(after))]
        shown = [part for line in meta for part in line.split("   ")]
        assert all(cell_len(line) <= width for line in meta), (width, meta)
        for field in fields:
            # A field that fits the line is on one line, whole; a label always is.
            label = field.split(": ", 1)[0] + ":"
            assert any(part.startswith(label) for part in shown), (width, meta)
            assert field in shown or cell_len(field) > width, (width, meta)
