"""``newsreader opml import FILE`` and ``newsreader opml export [-o FILE]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.cli.main import main
from newsreader.core.config import DEFAULT_SITE
from newsreader.core.sources.registry import DEFAULT_SITE_NAME

DEFAULT = {"name": DEFAULT_SITE_NAME, "url": DEFAULT_SITE, "kind": "vsb"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sources(capsys: pytest.CaptureFixture[str]) -> object:
    code, out, err = run(capsys, "sources", "--json")
    assert code == 0, err
    return json.loads(out)


def write(path: Path, outlines: str, encoding: str = "utf-8") -> Path:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<opml version="2.0"><head><title>mine</title></head><body>{outlines}</body></opml>\n'
    )
    path.write_bytes(text.encode(encoding))
    return path


def test_import_adds_in_order_and_reports_what_it_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path / "feeds.opml",
        '<outline text="教务处" type="rss" xmlUrl="https://jwc.cn/rss.xml"/>'
        '<outline text="bad" xmlUrl="file:///etc/passwd"/>'
        '<outline text="学院" type="vsb" htmlUrl="https://x.edu.cn/"/>',
        "gbk",
    )
    code, out, err = run(capsys, "opml", "import", str(path))
    assert code == 0
    assert out == "opml: 2 source(s) imported, 1 skipped\n"
    assert err.splitlines() == [
        "newsreader: skipped: 'bad': 'file:///etc/passwd' is not an http(s) URL "
        "(it is not an http(s) URL)"
    ]
    assert sources(capsys) == [
        DEFAULT,
        {"name": "教务处", "url": "https://jwc.cn/rss.xml", "kind": "feed"},
        {"name": "学院", "url": "https://x.edu.cn/", "kind": "vsb"},
    ]
    code, out, _ = run(capsys, "opml", "import", str(path))
    assert (code, out) == (0, "opml: 0 source(s) imported, 3 skipped\n")
    assert len(sources(capsys)) == 3


def test_ten_thousand_outlines_are_capped_and_the_rest_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outlines = "".join(f'<outline text="f{i}" xmlUrl="https://f{i}.cn/"/>' for i in range(10_000))
    path = write(tmp_path / "big.opml", outlines)
    code, out, err = run(capsys, "opml", "import", str(path))
    assert code == 0
    # The list holds the first-start site already: 999 fit, one more is skipped as "full".
    assert out == "opml: 999 source(s) imported, 9,001 skipped\n"
    assert err.splitlines() == [
        "newsreader: skipped: 'f999': the list already holds 1,000 sources, the most it can",
        "newsreader: skipped: 9,000 outline(s) past the 1,000 an import reads",
    ]
    assert len(sources(capsys)) == 1000


def test_export_round_trips_through_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path / "in.opml",
        '<outline text="A &quot;quoted&quot; &amp; &lt;b&gt;" xmlUrl="https://a.cn/rss?x=1&amp;y=2"/>'
        '<outline text="站点" type="vsb" htmlUrl="http://site.cn/sub/"/>',
    )
    assert run(capsys, "opml", "import", str(path))[0] == 0
    before = sources(capsys)
    code, stdout_copy, _ = run(capsys, "opml", "export")
    assert code == 0
    out = tmp_path / "out" / "sources.opml"
    assert run(capsys, "opml", "export", "-o", str(out)) == (0, "", "")
    assert out.read_text(encoding="utf-8") == stdout_copy
    for entry in before:
        assert run(capsys, "remove", entry["name"])[0] == 0
    assert sources(capsys) == []
    assert run(capsys, "opml", "import", str(out))[0] == 0
    assert sources(capsys) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot read"),
        (b"<rss/>", "not an OPML file: its root element is <rss>"),
        (b"<opml><body>", "not a readable OPML file: no element found at line 1, column 13"),
    ],
)
def test_an_unreadable_file_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "x.opml"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "opml", "import", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("newsreader: ")
    assert f"{path}: {problem}" in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("lang", "content", "line"),
    [
        ("zh", b"", "OPML 文件无法导入：{path} 不是 OPML 文件：文件为空"),
        ("en", b"", "Cannot import the OPML file: {path}: not an OPML file: it is empty"),
        (
            "zh",
            b"<html><body>a page</body></html>",
            "OPML 文件无法导入：{path} 不是 OPML 文件：根元素是 <html>",
        ),
        (
            "en",
            b"<html><body>a page</body></html>",
            "Cannot import the OPML file: {path}: not an OPML file: its root element is <html>",
        ),
        (
            "zh",
            b'<opml>\n<body>\n<outline text="a">\n</body></opml>',
            "OPML 文件无法导入：{path} 不是可读的 OPML 文件：第 4 行第 3 列有语法错误",
        ),
        (
            "en",
            b'<opml>\n<body>\n<outline text="a">\n</body></opml>',
            "Cannot import the OPML file: {path}: not a readable OPML file: "
            "mismatched tag at line 4, column 3",
        ),
        ("zh", None, "OPML 文件无法导入：无法读取 {path}（不存在）"),
    ],
    ids=["empty-zh", "empty-en", "html-zh", "html-en", "broken-zh", "broken-en", "missing-zh"],
)
def test_a_bad_opml_file_is_named_as_such_not_as_an_unrecognised_page(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    lang: str,
    content: bytes | None,
    line: str,
) -> None:
    path = tmp_path / "bad.opml"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--lang", lang, "opml", "import", str(path))
    assert (code, out) == (1, "")
    assert err == f"newsreader: {line.format(path=path)}\n"
    assert sources(capsys) == [DEFAULT]
