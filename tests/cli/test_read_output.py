"""What ``read`` and ``export`` print: labels in the run's language, tables aligned by cells."""

from __future__ import annotations

from pathlib import Path

from cli_runner import Runner

from newsreader.core.cells import cell_len
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
