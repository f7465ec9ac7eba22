"""The sources file read entry by entry: every error names the file, the line and the key.

:mod:`tomllib` gives lines for syntax errors only; :class:`registry_file.Lines` finds the line
of an entry and of a key in it. Each error's English message says it all (for the log); its
reason and facts (``sources_line``: the path, the line, the key and a ``cause.*``) say it in
the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from newsreader.core.errors import ConfigError, Fact, UsageError
from newsreader.core.sources import registry_file
from newsreader.core.sources.registry import (
    KEYS,
    KINDS,
    MAX_SOURCES,
    SourceEntry,
    check_name,
    make_entry,
    name_key,
)


def parse_sources(text: str, path: Path) -> tuple[SourceEntry, ...]:
    """Return the sources listed in the TOML ``text`` of the file at ``path``.

    Raises:
        ConfigError: A syntax error, an unknown key, a missing or bad value, or a name or
            source listed twice; each names the file, the line and the key.
    """
    data = registry_file.parse_toml(text, path)
    where = _Where(path, text)
    for key in data:
        if key != "source":
            line = where.lines.key(key, 0, where.line_count)
            problem = "unknown key (the file holds [[source]] tables only)"
            raise where.error(line, key, problem, "sources_unknown_top")
    tables = data.get("source", [])
    if not isinstance(tables, list):
        line = where.lines.entry(0)
        raise where.error(line, "source", "must be [[source]] tables", "sources_not_tables")
    if len(tables) > MAX_SOURCES:
        line = where.lines.entry(MAX_SOURCES)
        problem = f"more than {MAX_SOURCES:,} sources"
        raise where.error(line, "source", problem, "sources_too_many", max=f"{MAX_SOURCES:,}")
    entries: list[SourceEntry] = []
    firsts: dict[tuple[str, str], int] = {}
    for index, table in enumerate(tables):
        if not isinstance(table, Mapping):
            line = where.lines.entry(index)
            problem = "must be a table of name, url and kind"
            raise where.error(line, "source", problem, "sources_not_table")
        entry = _entry(table, index, where)
        for key, value in (("name", name_key(entry.name)), ("url", entry.identity)):
            first = firsts.setdefault((key, value), index)
            if first != index:
                what = "name" if key == "name" else "source"
                also = where.lines.entry(first)
                shown = f" (first at line {also})" if also is not None else ""
                line = where.lines.key_of_entry(index, key)
                cause = f"same_{what}" if also is None else f"same_{what}_at"
                problem = f"the same {what} twice{shown}"
                raise where.error(line, key, problem, cause, first=also or 0)
        entries.append(entry)
    return tuple(entries)


class _Where:
    """Makes the errors of one sources file: file, line and key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = registry_file.Lines(text, "source")
        self.line_count = text.count("\n") + 1

    def error(
        self, line: int | None, key: str, problem: str, cause: str, **facts: Fact
    ) -> ConfigError:
        """The error at ``line`` (if known) and ``key``: ``problem`` in English, ``cause`` the
        key of its words (``cause.*``, naming ``facts``) in the translation table."""
        where = f"{self.path}, line {line}" if line is not None else str(self.path)
        message = f"{where}: {key}: {problem}"
        said: dict[str, Fact] = {"path": str(self.path), "key": key, "cause": cause, **facts}
        if line is None:
            return ConfigError(message, reason="sources_key", facts=said)
        return ConfigError(message, reason="sources_line", facts={**said, "line": line})


def _entry(table: Mapping[str, object], index: int, where: _Where) -> SourceEntry:
    """Return the entry of one ``[[source]]`` table, checked key by key."""
    lines = where.lines
    for key in table:
        if key not in KEYS:
            line = lines.key_of_entry(index, key)
            problem = "unknown key (known: name, url, kind)"
            raise where.error(line, key, problem, "sources_unknown_key")
    values: dict[str, str] = {}
    for key in KEYS:
        value = table.get(key)
        if value is None:
            raise where.error(lines.entry(index), key, "missing", "sources_missing")
        if not isinstance(value, str):
            line = lines.key_of_entry(index, key)
            problem = f"must be a string, got {value!r}"
            raise where.error(line, key, problem, "sources_not_string", value=repr(value)[:60])
        values[key] = value
    if values["kind"] not in KINDS:
        line = lines.key_of_entry(index, "kind")
        shown = repr(values["kind"])
        problem = f'must be "vsb" or "feed", got {shown}'
        raise where.error(line, "kind", problem, "sources_bad_kind", value=shown[:60])
    try:
        check_name(values["name"])
    except UsageError as err:
        line = lines.key_of_entry(index, "name")
        cause, facts = _cause_of(err, "name_empty")
        raise where.error(line, "name", err.message, cause, **facts) from None
    try:
        return make_entry(values["name"], values["url"], values["kind"])
    except UsageError as err:
        line = lines.key_of_entry(index, "url")
        cause, facts = _cause_of(err, "url_other")
        raise where.error(line, "url", err.message, cause, **facts) from None


def _cause_of(err: UsageError, default: str) -> tuple[str, dict[str, Fact]]:
    """The cause of a refused name or URL, and the facts its words name, for a file error."""
    cause = "url_empty" if err.reason in ("empty_url", "empty_site") else default
    facts = {name: value for name, value in err.facts.items() if name != "cause"}
    return str(err.facts.get("cause", cause)), facts
