"""The sources file on disk: TOML read with :mod:`tomllib`, written by hand, replaced atomically.

The file is an array of tables with string values only, so a small writer is enough (no TOML
writing library): :func:`toml_string` escapes what a TOML basic string cannot hold as it is.
Errors in a hand-edited file name the file, the line and the key; :mod:`tomllib` gives lines for
syntax errors only, so the line of an entry and of a key in it is found here in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsreader.core.errors import ConfigError, SaveError, os_cause

MAX_FILE_BYTES = 4 * 1024 * 1024
"""A sources file larger than this is refused (a thousand sources take under 200 KB)."""

HEADER = """\
# newsreader's sources, in the order the reader shows them.
# newsreader rewrites this file (add, remove, rename, opml import): comments are not kept.
# Each [[source]] has a name (unique), a url, and a kind: "vsb" (a VSB site) or "feed"
# (an RSS, Atom or JSON feed).
"""

_ESCAPES = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    **{code: f"\\u{code:04x}" for code in (*range(0x20), 0x7F) if chr(code) not in "\b\t\n\f\r"},
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def toml_string(text: str) -> str:
    """Return ``text`` as a TOML basic string (``"…"``), read back by any TOML parser as is.

    Raises:
        ValueError: ``text`` holds a lone surrogate, which no TOML (UTF-8) file can hold.
    """
    if _SURROGATE.search(text):
        raise ValueError("a lone surrogate cannot be written to a TOML file")
    return '"' + text.translate(_ESCAPES) + '"'


def render(tables: Iterable[Mapping[str, str]], name: str = "source") -> str:
    """Return the file's text: :data:`HEADER`, then one ``[[name]]`` table per mapping."""
    parts = [HEADER]
    for table in tables:
        lines = [f"[[{name}]]"]
        lines.extend(f"{key} = {toml_string(value)}" for key, value in table.items())
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def write_atomic(path: Path, text: str) -> None:
    """Replace the file at ``path`` with ``text`` (UTF-8): all of it or, on failure, none.

    A symlinked file (dotfiles kept elsewhere) is written where it points, and stays a link.

    Raises:
        SaveError: The directory or file cannot be written (read-only, full disk).
    """
    from newsreader.core.atomic import replace_file

    target = path.resolve() if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, text.encode("utf-8"))
    except OSError as err:
        raise SaveError(
            f"{path}: cannot save: {err.strerror or err}",
            reason="cannot_save",
            facts={"path": str(path), "cause": os_cause(err)},
        ) from err


def read_text(path: Path) -> str | None:
    """Return the file's text, or ``None`` when there is no file.

    Raises:
        ConfigError: It cannot be read, is too large, or is not UTF-8 (with the line).
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ConfigError(
            f"{path}: cannot read: {err.strerror or err}",
            reason="cannot_read",
            facts={"path": str(path), "cause": os_cause(err)},
        ) from err
    if len(data) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise ConfigError(
            f"{path}: larger than {mb} MB",
            reason="sources_too_large",
            facts={"path": str(path), "mb": mb},
        )
    try:
        # A byte-order mark (Notepad writes one) is no TOML, but nothing the user meant either.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}, line {line}: not UTF-8 text (byte {err.start})",
            reason="not_utf8_line",
            facts={"path": str(path), "line": line, "byte": err.start},
        ) from None


def parse_toml(text: str, path: Path) -> dict[str, object]:
    """Return the TOML document in ``text``.

    Raises:
        ConfigError: A syntax error; tomllib's message says the line and column.
    """
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        raise ConfigError(
            f"{path}: not valid TOML: {err}",
            reason="not_toml",
            facts={"path": str(path), "line": line.group(1) if line else "?"},
        ) from err


class Lines:
    """Where the tables of an array and their keys are in a TOML text, to name them in errors.

    Only ``[[name]]`` headers are found; a file that writes the array inline
    (``name = [{…}]``) gets the line of ``name =`` for every entry.
    """

    def __init__(self, text: str, name: str) -> None:
        self._lines = text.splitlines()
        quoted = rf"(?:{re.escape(name)}|\"{re.escape(name)}\"|'{re.escape(name)}')"
        header = re.compile(rf"^\s*\[\[\s*{quoted}\s*\]\]")
        self._starts = [i for i, line in enumerate(self._lines) if header.match(line)]
        self._inline = self.key(name, 0, len(self._lines))

    def entry(self, index: int) -> int | None:
        """Return the 1-based line of the ``index``-th table, or ``None`` when not found."""
        if index < len(self._starts):
            return self._starts[index] + 1
        return self._inline

    def key_of_entry(self, index: int, key: str) -> int | None:
        """Return the line of ``key`` in the ``index``-th table, else the table's line."""
        if index >= len(self._starts):
            return self._inline
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        return self.key(key, start + 1, end) or start + 1

    def key(self, key: str, start: int, end: int) -> int | None:
        """Return the 1-based line assigning ``key`` (or opening ``[key]``) in lines start:end."""
        quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
        pattern = re.compile(rf"^\s*(?:{quoted}\s*=|\[+\s*{quoted}\s*\]+)")
        for i in range(start, min(end, len(self._lines))):
            if pattern.match(self._lines[i]):
                return i + 1
        return None
