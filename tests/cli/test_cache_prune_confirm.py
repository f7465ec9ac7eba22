"""``cache --prune-days 0`` keeps everything (as ``retention_days = 0``); a prune asks first."""

from __future__ import annotations

import builtins
import sqlite3
import sys
from pathlib import Path

import pytest
from cli_runner import Runner

HYDT = "新闻资讯/行业动态"


def _age_all(cache_dir: Path, seconds: float) -> None:
    """Make everything cached look ``seconds`` older (a test-only shortcut past the API)."""
    conn = sqlite3.connect(cache_dir / "cache.sqlite3")
    with conn:
        for table in ("articles", "pages", "list_pages"):
            conn.execute(f"UPDATE {table} SET fetched_at = fetched_at - ?", (seconds,))
    conn.close()


def _articles(cli: Runner) -> int:
    report = cli.json("cache")
    assert isinstance(report, dict)
    return int(report["articles"])


def _on_a_terminal(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """Make stdin and stdout look like a terminal where the user types ``answer``."""
    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        return answer

    monkeypatch.setattr(builtins, "input", fake_input)
    return prompts


def test_prune_days_zero_keeps_everything_like_retention_zero(cli: Runner, cache_dir: Path) -> None:
    assert cli("sync", HYDT)[0] == 0
    before = _articles(cli)
    _age_all(cache_dir, 400 * 86_400)
    report = cli.json("cache", "--prune-days", "0")
    assert isinstance(report, dict)
    assert report["pruned"] == {"articles": 0, "pages": 0, "list_pages": 0}
    assert report["articles"] == before > 0


def test_prune_without_a_terminal_or_yes_refuses_in_one_line(cli: Runner, cache_dir: Path) -> None:
    assert cli("sync", HYDT)[0] == 0
    before = _articles(cli)
    _age_all(cache_dir, 10 * 86_400)
    code, out, err = cli("--lang", "en", "cache", "--prune-days", "5")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "--yes" in err
    assert _articles(cli) == before


def test_prune_on_a_terminal_asks_and_no_keeps_everything(
    cli: Runner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("sync", HYDT)[0] == 0
    before = _articles(cli)
    _age_all(cache_dir, 10 * 86_400)
    prompts = _on_a_terminal(monkeypatch, "n")
    code, _, err = cli("--lang", "zh", "cache", "--prune-days", "5")
    assert code == 1 and "已取消" in err
    assert len(prompts) == 1 and "5 天前" in prompts[0] and "[y/N]" in prompts[0]
    assert _articles(cli) == before


def test_prune_on_a_terminal_yes_prunes(
    cli: Runner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("sync", HYDT)[0] == 0
    _age_all(cache_dir, 10 * 86_400)
    _on_a_terminal(monkeypatch, "y")
    code, out, err = cli("--lang", "en", "cache", "--prune-days", "5")
    assert code == 0, err
    assert out.startswith("pruned: ")
    assert _articles(cli) == 0


def test_help_says_zero_keeps_everything(cli: Runner) -> None:
    with pytest.raises(SystemExit):
        cli("--lang", "en", "cache", "--help")
    out = cli.capsys.readouterr().out
    assert "0 keeps everything" in " ".join(out.split())
    assert "--yes" in out
