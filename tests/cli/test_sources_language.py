"""The feed, sources and OPML commands say everything in the run's language too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_runner import Runner
from english import english_words

from newsreader.cli.main import main
from newsreader.core.settings import CONFIG_ENV
from newsreader.core.sources.registry import DEFAULT_SITE_NAME


def _sources_file() -> Path:
    return Path(os.environ[CONFIG_ENV]).parent / "sources.toml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--lang", "zh", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_sources_commands_speak_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "rename", DEFAULT_SITE_NAME, "协会")
    assert (code, out, err) == (0, f"已重命名：{DEFAULT_SITE_NAME} -> 协会\n", "")
    code, out, _ = _run(capsys, "remove", "协会")
    assert (code, out) == (0, "已删除：协会\n")
    code, out, err = _run(capsys, "sources")
    assert (code, out) == (0, "")
    assert err == "newsreader: 没有来源；用 `newsreader add URL` 添加\n"
    code, _, err = _run(capsys, "remove", "协会")
    assert code == 2
    assert err == "newsreader: 用法错误：没有名为“协会”的来源；见 `newsreader sources`\n"
    code, _, err = _run(capsys, "--offline", "add", "https://example.invalid/feed.xml")
    assert code == 1
    assert err == "newsreader: 离线：无法访问 https://example.invalid/feed.xml 来添加它\n"


@pytest.mark.parametrize(
    ("second", "line"),
    [
        (
            'name = "B"\nurl = "https://b.cn/"\nkind = "website"',
            '第 9 行：kind：必须是 `"vsb"` 或 `"feed"`，而不是 \'website\'',
        ),
        ('name = "B"\nurl = "https://b.cn/"\nkind = 7', "第 9 行：kind：必须是字符串，而不是 7"),
        (
            'name = "A"\nurl = "https://b.cn/"\nkind = "vsb"',
            "第 7 行：name：名称重复 (第一次在第 1 行)",
        ),
    ],
    ids=["kind", "type", "twice"],
)
def test_a_hand_edit_error_names_file_line_and_key_in_chinese(
    capsys: pytest.CaptureFixture[str], second: str, line: str
) -> None:
    path = _sources_file()
    first = '[[source]]\nname = "A"\nurl = "https://a.cn/"\nkind = "vsb"\n'
    path.write_text(f"{first}\n[[source]]\n{second}\n", encoding="utf-8")
    code, out, err = _run(capsys, "sources")
    assert (code, out) == (1, "")
    assert err == f"newsreader: 配置错误：{path} {line}\n"


def test_opml_import_speaks_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<opml version="2.0"><body>'
        '<outline text="教务处" type="rss" xmlUrl="https://jwc.cn/rss.xml"/>'
        '<outline text="bad" xmlUrl="file:///etc/passwd"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "opml", "import", str(path))
    assert (code, out) == (0, "opml：导入 1 个来源，跳过 1 个\n")
    assert err == (
        "newsreader: 跳过：'bad'：'file:///etc/passwd' 不是 http/https 网址"
        "（不是 http/https 网址）\n"
    )
    path.write_bytes(b"<rss/>")
    code, out, err = _run(capsys, "opml", "import", str(path))
    assert (code, out) == (1, "")
    assert err == f"newsreader: OPML 文件无法导入：{path} 不是 OPML 文件：根元素是 <rss>\n"


def test_feed_speaks_chinese(cli: Runner) -> None:
    code, out, err = cli("--lang", "zh", "--offline", "feed", "新闻资讯/新闻")
    assert (code, out) == (1, "")
    line = err.removeprefix("newsreader: ").strip()
    assert line.startswith("未缓存：http://127.0.0.1:")
    assert line.endswith("的栏目列表不在缓存中；在线时运行 `newsreader sync`，再生成订阅")
    assert english_words(line) == []
    assert cli("sections")[0] == 0
    code, out, err = cli("--lang", "zh", "--offline", "feed", "新闻资讯/新闻")
    assert code == 0 and out.startswith("<?xml")
    # The section's title as the feed names it; its spec quoted for a shell.
    assert err == (
        "newsreader: 新闻资讯 的列表不在缓存中；订阅为空 "
        "(在线时运行 `newsreader sync '新闻资讯/新闻'`)\n"
    )


@pytest.mark.parametrize("command", ["add", "sources", "remove", "rename", "feed"])
def test_the_help_of_the_new_commands_is_chinese(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "zh", command, "--help"])
    text = capsys.readouterr().out
    assert text.startswith(f"用法：newsreader {command}")
    assert "读取该名称的来源" in text  # --source
    described = [line for line in text.splitlines() if "  " in line.strip()]
    assert described and all(english_words(line.split("  ")[-1]) == [] for line in described)
