"""The TOML configuration file: validation messages, defaults, and the command-line override."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli.main import build_parser, config_from_args, main
from newsreader.core.config import Config
from newsreader.core.errors import ConfigError
from newsreader.core.i18n import Translator
from newsreader.core.settings import CONFIG_ENV, KEYS, load_settings, parse_settings

FULL = """
site_url = "http://news.example.edu.cn/sub/"
lang = "en"
theme = "nord"
sync_pages = 3
polite_delay = 1.5
download_dir = "~/Downloads/news"
retention_days = 30
timeout = 12.5
max_body_mb = 20
text_width = 72
"""


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never read the config file of whoever runs the tests.
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "absent" / "config.toml"))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_is_read_and_applied(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, FULL))
    config = settings.apply(Config())
    assert config.site_url == "http://news.example.edu.cn/sub/"
    assert config.lang == "en" and config.theme == "nord"
    assert config.sync_pages == 3 and config.retention_days == 30
    assert config.fetch.polite_delay == 1.5
    assert config.fetch.deadline == 12.5 and config.fetch.read_timeout <= 12.5
    assert config.fetch.max_body == 20 * 1024 * 1024
    assert config.download_dir == Path("~/Downloads/news").expanduser()
    assert config.text_width == 72
    assert set(KEYS) == {line.split(" =")[0] for line in FULL.strip().splitlines()}


def test_missing_default_file_means_defaults() -> None:
    settings = load_settings()
    assert settings.apply(Config()) == Config()


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml")


def test_relative_download_dir_is_relative_to_the_file(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, 'download_dir = "files"'))
    assert settings.download_dir == tmp_path / "files"


@pytest.mark.parametrize(
    ("line", "key", "what"),
    [
        ('polite_delay = "fast"', "polite_delay", "must be a number between 0 and 60, got 'fast'"),
        ("polite_delay = 61", "polite_delay", "between 0 and 60, got 61"),
        ("sync_pages = 0", "sync_pages", "must be an integer between 1 and 1000, got 0"),
        ("sync_pages = 2.5", "sync_pages", "got 2.5"),
        ("sync_pages = true", "sync_pages", "got true"),
        ("retention_days = -1", "retention_days", "at least 0, got -1"),
        ('lang = "fr"', "lang", 'must be "zh" or "en", got \'fr\''),
        ('site_url = "ftp://x"', "site_url", "http(s) URL"),
        ("timeout = 0", "timeout", "a number above 0"),
        ("max_body_mb = 0", "max_body_mb", "between 1 and 1024"),
        ('theme = ""', "theme", "non-empty"),
        ("download_dir = 5", "download_dir", "directory path"),
        ("text_width = 5", "text_width", "0 (the full width) or an integer between 20 and 1000"),
        ("text_width = -1", "text_width", "got -1"),
        ("text_width = 1001", "text_width", "got 1001"),
        ("text_width = 60.5", "text_width", "got 60.5"),
        ('text_width = "wide"', "text_width", "got 'wide'"),
    ],
)
def test_bad_values_name_file_key_and_problem(
    tmp_path: Path, line: str, key: str, what: str
) -> None:
    path = _write(tmp_path, line + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {key}: ")
    assert what in message
    assert "\n" not in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "sync_page = 2\n")
    with pytest.raises(ConfigError, match=r"config\.toml: sync_page: unknown setting"):
        load_settings(path)


def test_a_retired_key_still_loads_and_is_noted(tmp_path: Path) -> None:
    # Files written for older versions set sync_workers (any value): they keep working.
    path = _write(tmp_path, 'sync_workers = 2\nlang = "en"\n')
    settings = load_settings(path)
    assert settings.apply(Config()) == Config(lang="en")
    assert settings.notes == (
        f"{path}: sync_workers is no longer used and is ignored "
        "(sync parses pages in a thread now); remove it to silence this",
    )
    assert Translator("zh").note(settings.notes[0]) == (
        f"{path}：设置 sync_workers 已不再使用，会被忽略；删除它即可不再提示"
    )


def test_a_retired_key_is_noted_on_stderr(tmp_path: Path) -> None:
    path = _write(tmp_path, "sync_workers = 0\n")
    argv = ["--config", str(path), "--cache-dir", str(tmp_path / "c"), "--offline", "search", "x"]
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"newsreader: {path}: sync_workers is no longer used and is ignored "
        "(sync parses pages in a thread now); remove it to silence this"
    )


def test_tables_are_unknown_keys_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fetch: unknown setting"):
        load_settings(_write(tmp_path, "[fetch]\ntimeout = 3\n"))


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'lang = "zh"\ntheme = \n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(path) in str(info.value)
    assert "line 2" in str(info.value)


def test_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('theme = "中"'.encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path)


def test_parse_settings_accepts_ints_for_floats() -> None:
    settings = parse_settings("polite_delay = 0\ntimeout = 5", Path("c.toml"))
    assert settings.polite_delay == 0.0 and settings.timeout == 5.0


# --- command line ----------------------------------------------------------------------------


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    args = build_parser().parse_args(
        ["--config", str(path), "--lang", "zh", "--delay", "0", "--site", "http://a.example/"]
    )
    config = config_from_args(args)
    assert config.lang == "zh" and config.fetch.polite_delay == 0
    assert config.site_url == "http://a.example/"
    assert config.theme == "nord" and config.sync_pages == 3  # not on the command line


def test_config_option_after_the_command(tmp_path: Path) -> None:
    path = _write(tmp_path, 'lang = "en"')
    args = build_parser().parse_args(["search", "x", "--config", str(path)])
    assert config_from_args(args).lang == "en"


def test_env_variable_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(_write(tmp_path, "sync_pages = 4")))
    assert config_from_args(build_parser().parse_args(["sections"])).sync_pages == 4


def test_cli_bad_config_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, 'polite_delay = "fast"\n')
    code = main(["--config", str(path), "--cache-dir", str(tmp_path / "c"), "search", "x"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "config.toml: polite_delay: must be a number between 0 and 60, got 'fast'" in err


@pytest.mark.parametrize("value", [0, 20, 80, 1000])
def test_text_width_takes_zero_or_a_sane_measure(tmp_path: Path, value: int) -> None:
    config = load_settings(_write(tmp_path, f"text_width = {value}\n")).apply(Config())
    assert config.text_width == value


def test_the_default_measure_is_forty_cjk_characters() -> None:
    assert Config().text_width == 80
