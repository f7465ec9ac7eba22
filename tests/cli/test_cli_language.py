"""The CLI says everything in the run's language: ``--lang``, else the locale's."""

from __future__ import annotations

import pytest
from cli_runner import Runner
from english import english_words

from newsreader.cli.main import main
from newsreader.demo.server import DemoServer


def _one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert err.startswith("newsreader: ")
    return err.removeprefix("newsreader: ").strip()


def test_offline_sync_is_one_line_in_each_language(cli: Runner) -> None:
    code, out, err = cli("--lang", "zh", "--offline", "sync")
    assert code == 1 and out == ""
    line = _one_line(err)
    assert line == "离线：同步需要联网；不加 --offline 再运行"
    assert english_words(line) == []
    code, _, err = cli("--lang", "en", "--offline", "sync")
    assert _one_line(err) == "Offline: sync needs the network; run it without --offline"


def test_a_missing_article_in_each_language(cli: Runner, demo_server: DemoServer) -> None:
    url = demo_server.url("info/1/404404.htm")
    code, _, err = cli("--lang", "zh", "read", url)
    line = _one_line(err)
    assert code == 1 and line == f"服务器返回错误：404（{url}）"
    code, _, err = cli("--lang", "en", "read", url)
    assert _one_line(err) == f"HTTP error: HTTP 404 Not Found for {url}"


@pytest.mark.parametrize(
    ("url", "zh", "en"),
    [
        ("http://[::1", "无法解析", "does not parse as a URL"),
        ("http://127.0.0.1:99999/info/1/2.htm", "端口不在 1 到 65535 之间", "not between 1 and"),
        ("", "网址为空", "the URL is empty"),
    ],
    ids=["brackets", "port", "empty"],
)
def test_a_bad_url_is_a_usage_error_in_each_language(
    cli: Runner, url: str, zh: str, en: str
) -> None:
    code, _, err = cli("--lang", "zh", "read", url)
    line = _one_line(err)
    assert code == 2 and line.startswith("用法错误：") and zh in line
    assert english_words(line) == [], line
    code, _, err = cli("--lang", "en", "read", url)
    line = _one_line(err)
    assert code == 2 and line.startswith("Usage error: ") and en in line


def test_offline_read_of_an_uncached_article_in_chinese(
    cli: Runner, demo_server: DemoServer
) -> None:
    url = demo_server.url("info/1001/1.htm")
    code, _, err = cli("--lang", "zh", "--offline", "read", url)
    line = _one_line(err)
    assert code == 1 and line.startswith(f"未缓存：{url} 不在缓存中")
    assert "`newsreader sync`" in line and english_words(line) == []


def test_verbose_adds_the_detail_the_short_line_leaves_out(
    cli: Runner, fresh_demo_server: DemoServer
) -> None:
    url = fresh_demo_server.url("info/1001/1.htm")
    fresh_demo_server.stop()
    code, _, err = cli("--lang", "zh", "read", url)
    assert code == 1 and _one_line(err).startswith("网络不可用：无法连接 127.0.0.1")
    assert "robots.txt" not in err
    code, _, err = cli("--lang", "zh", "-v", "read", url)
    short, detail = err.splitlines()
    assert short.startswith("newsreader: 网络不可用：")
    assert detail.startswith("newsreader: 详情：Network unreachable: ")
    assert "(fetching robots.txt)" in detail


def test_sync_prints_its_progress_and_summary_in_chinese(cli: Runner) -> None:
    code, out, err = cli("--lang", "zh", "sync", "学术研究/研究报告")
    assert code == 0, err
    assert out.startswith("同步：获取 "), out
    assert english_words(out) == [], out
    assert "文章" in err and "articles" not in err


def test_usage_errors_of_the_parser_follow_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "zh", "list", "x", "--pages", "0"])
    assert exit_.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == "newsreader list: 用法错误：参数 --pages：必须是 1 或更大：0"
    with pytest.raises(SystemExit):
        main(["--lang", "en", "list", "x", "--pages", "0"])
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == "newsreader list: error: argument --pages: must be 1 or more: 0"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_has_examples_in_the_language(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", lang, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "newsreader --offline search 校友" in text
    if lang == "zh":
        assert text.startswith("用法：newsreader") and "示例：" in text
        assert "显示本帮助并退出" in text and "显示版本号并退出" in text and "命令：" in text
        # Argparse's own words are translated too; the help texts are the table's (checked
        # there), so what stays English is names: options, metavars, commands.
        for english in ("usage", "options", "show this help", "version number", "examples"):
            assert english not in text
    else:
        assert text.startswith("usage: newsreader") and "examples:" in text


@pytest.mark.parametrize("command", [(), ("list",), ("opml",), ("opml", "import")], ids=" ".join)
def test_help_headings_end_as_the_language_does(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    # The Chinese help said 用法：and 示例：but 选项: and 命令: (argparse's ASCII colon).
    def headings(lang: str) -> list[str]:
        with pytest.raises(SystemExit):
            main(["--lang", lang, *command, "--help"])
        lines = capsys.readouterr().out.splitlines()
        return [line for line in lines if line.endswith((":", "："))]

    zh = headings("zh")
    assert "选项：" in zh and ("参数：" in zh or "命令：" in zh), zh
    assert not [line for line in zh if line.endswith(":")], zh
    en = headings("en")
    assert "options:" in en and not [line for line in en if line.endswith("：")], en


def test_the_locale_chooses_the_language_without_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        main(["sync", "--help"])
    assert capsys.readouterr().out.startswith("用法：newsreader sync")
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")
    with pytest.raises(SystemExit):
        main(["sync", "--help"])
    assert capsys.readouterr().out.startswith("usage: newsreader sync")
