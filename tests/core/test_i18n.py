"""One language throughout: every key in both languages, no English in Chinese, every error said.

The table is :mod:`newsreader.core.i18n`; what may stay ASCII in Chinese text is
``tests/english.py``'s allow-list (commands, options, keys, protocols and formats).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest
from english import english_words

import newsreader
from newsreader.core import errors
from newsreader.core.errors import NewsreaderError
from newsreader.core.i18n import EN, ZH, Translator
from newsreader.core.i18n.cli import ARGPARSE_ZH

ROOT = Path(newsreader.__file__).parent
ENGLISH_ONLY_FACTS = {
    "reason.bad_value",
    "reason.status",
    "cli.sync_skipped_one",
    "note.retired_key",
    "reason.opml_xml",
    "reason.nothing_feeds",
}
"""Keys whose English text names a fact in English (what a setting takes, the status's phrase,
the XML parser's words, a feed's error) that the Chinese one leaves out; and a plural's
singular form."""


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _error_classes() -> list[type[NewsreaderError]]:
    """Every class of the hierarchy, wherever it is defined (the TUI's modules included)."""
    for module in pkgutil.walk_packages([str(ROOT)], "newsreader."):
        if module.name.startswith("newsreader.demo.__main__") or module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    found: list[type[NewsreaderError]] = []
    todo: list[type[NewsreaderError]] = [NewsreaderError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_key_is_in_both_languages() -> None:
    assert sorted(set(ZH) - set(EN)) == []
    assert sorted(set(EN) - set(ZH)) == []


@pytest.mark.parametrize("table", [ZH, ARGPARSE_ZH], ids=["table", "argparse"])
def test_no_chinese_text_holds_an_english_word(table: dict[str, str]) -> None:
    found = {key: english_words(text) for key, text in table.items() if english_words(text)}
    assert found == {}


def test_both_languages_name_the_same_fields() -> None:
    # A field only one language names is a fact the other one drops (or a typo that would
    # show as "?"). The English configuration error alone adds what the key takes.
    differ = {
        key: (_fields(ZH[key]), _fields(EN[key]))
        for key in ZH
        if _fields(ZH[key]) != _fields(EN[key]) and key not in ENGLISH_ONLY_FACTS
    }
    assert differ == {}


def test_every_error_class_has_its_own_kind_in_both_languages() -> None:
    classes = _error_classes()
    kinds = {cls.kind for cls in classes}
    assert len(kinds) == len(classes), "two classes share a kind"
    for kind in kinds:
        assert f"error.{kind}" in ZH and f"error.{kind}" in EN, kind


def _given_facts(call: ast.Call) -> set[str] | None:
    """The facts a call gives, or None when they cannot be read off it (``**more``, a name)."""
    given = {"url"} if any(k.arg == "url" for k in call.keywords) else set()
    if isinstance(call.func, ast.Name) and call.func.id == "HTTPStatusError":
        given |= {"status"}
    facts = next((k.value for k in call.keywords if k.arg == "facts"), None)
    if facts is None:
        return given
    if not isinstance(facts, ast.Dict) or None in facts.keys:
        return None
    keys = [k.value for k in facts.keys if isinstance(k, ast.Constant)]
    return given | {str(k) for k in keys} if len(keys) == len(facts.keys) else None


def test_every_raise_gives_the_facts_its_reason_names() -> None:
    names = {cls.__name__ for cls in _error_classes()}
    short = []
    checked = 0
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            reason = next((k.value for k in node.keywords if k.arg == "reason"), None)
            given = _given_facts(node)
            if node.func.id not in names or not isinstance(reason, ast.Constant) or given is None:
                continue
            checked += 1
            for table in (ZH, EN):
                missing = _fields(table[f"reason.{reason.value}"]) - given
                if missing:
                    short.append((path.name, node.lineno, reason.value, sorted(missing)))
    assert checked > 50  # most raise sites spell their facts out
    assert short == []


def _raises() -> list[tuple[str, int, str, str | None]]:
    """Every ``Error(...)`` call of the hierarchy in the app: (file, line, class, reason)."""
    names = {cls.__name__ for cls in _error_classes()}
    calls = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in names:
                continue
            reason = next((k.value for k in node.keywords if k.arg == "reason"), None)
            shown = reason.value if isinstance(reason, ast.Constant) else None
            if reason is not None and shown is None:
                shown = "<computed>"
            calls.append((path.name, node.lineno, node.func.id, shown))
    return calls


def test_every_error_raised_names_a_reason_both_languages_say() -> None:
    calls = _raises()
    assert len(calls) > 60  # the scan sees the raise sites
    missing = [
        (file, line, name)
        for file, line, name, reason in calls
        if reason is None and name != "HTTPStatusError"  # its reason is "status"
    ]
    assert missing == []
    unknown = [
        (file, line, reason)
        for file, line, _, reason in calls
        if reason not in (None, "<computed>") and f"reason.{reason}" not in ZH
    ]
    assert unknown == []


def _sample_facts(template: str) -> dict[str, errors.Fact]:
    # Facts are data (hosts, paths, numbers), never words to translate: numbers stand in.
    return {name: 7 for name in _fields(template)}


@pytest.mark.parametrize(
    "reason", sorted(k.removeprefix("reason.") for k in ZH if k.startswith("reason."))
)
def test_every_reason_renders_in_both_languages(reason: str) -> None:
    facts = _sample_facts(ZH[f"reason.{reason}"]) | _sample_facts(EN[f"reason.{reason}"])
    for cls in _error_classes():
        err = (
            cls("an English detail for the log", reason=reason, facts=facts)
            if cls is not errors.HTTPStatusError
            else errors.HTTPStatusError("detail", status=7, reason=reason, facts=facts)
        )
        zh, en = Translator("zh").error(err), Translator("en").error(err)
        assert "?" not in zh and "?" not in en, (zh, en)
        assert english_words(zh) == [], zh
        assert "an English detail" not in zh and "an English detail" not in en
        assert zh != en


@pytest.mark.parametrize(
    "cause", sorted(k.removeprefix("cause.") for k in ZH if k.startswith("cause."))
)
def test_every_cause_is_said_in_chinese(cause: str) -> None:
    # A cause may name facts of its error (a limit, the value refused): they are given too.
    fields = _sample_facts(ZH[f"cause.{cause}"]) | _sample_facts(EN[f"cause.{cause}"])
    err = errors.NetworkError(
        "x", reason="connect", facts={"host": "www.example.cn", "cause": cause, **fields}
    )
    line = Translator("zh").error(err)
    assert english_words(line) == [], line
    assert ZH[f"cause.{cause}"].format(**fields) in line
    assert "?" not in line


def test_an_error_without_a_reason_says_its_kind_and_where_in_chinese() -> None:
    err = errors.FetchError("a detail in English", url="https://例.cn/a.htm")
    assert Translator("zh").error(err) == "获取失败：https://例.cn/a.htm"
    assert Translator("en").error(err) == "Fetch failed: a detail in English"


def test_the_issues_network_error_is_chinese_and_keeps_the_robots_detail_for_the_log() -> None:
    err = errors.NetworkError(
        "cannot connect to www.chinaafse.cn: host name not found (DNS lookup failed) "
        "(fetching robots.txt)",
        url="https://www.chinaafse.cn/robots.txt",
        reason="connect",
        facts={"host": "www.chinaafse.cn", "cause": "dns"},
    )
    assert Translator("zh").error(err) == "网络不可用：无法连接 www.chinaafse.cn：找不到该主机名"
    assert Translator("en").error(err) == (
        "Network unreachable: cannot connect to www.chinaafse.cn: "
        "host name not found (DNS lookup failed)"
    )
    assert "robots.txt" in err.one_line()
