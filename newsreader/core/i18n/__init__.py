"""The app's own text in each language it speaks (zh, the default, and en), for CLI and TUI.

One table per language, merged from one module per part of the app, so a translator sees the
whole app and a missing key is a test failure (``tests/core/test_i18n.py``), not a blank label:

- :mod:`.ui`: the TUI's panes, notices and key descriptions;
- :mod:`.errors`: error kinds (``error.*``), their causes (``reason.*``) and the named causes
  inside them (``cause.*``), rendered by :meth:`Translator.error`;
- :mod:`.sources`: the same for the sources list and its file, OPML, feeds and ``add``;
- :mod:`.cli`: the CLI's messages, progress, summaries and ``--help``.

Values are ``str.format`` templates. They never hold Textual markup (some are combined with
text from web pages). A Chinese value holds no English word but the names a user types or
sees on the keyboard: commands, options, keys, formats (the allow-list is in the test).
Nothing here imports Textual: the CLI uses this module without the TUI.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from newsreader.core.i18n import cli, errors, sources, ui
from newsreader.core.render.labels import LABELS

if TYPE_CHECKING:
    from newsreader.core.errors import Fact, NewsreaderError

ZH: Final[Mapping[str, str]] = {**ui.ZH, **errors.ZH, **sources.ZH, **cli.ZH}
EN: Final[Mapping[str, str]] = {**ui.EN, **errors.EN, **sources.EN, **cli.EN}
LANGUAGES: Final[Mapping[str, Mapping[str, str]]] = {"zh": ZH, "en": EN}

_SEPARATOR: Final = {"zh": "：", "en": ": "}
"""Between an error's kind and its facts."""
_WHERE: Final = ("path", "url", "host")
"""The facts that say where, shown after the kind when there is no reason to say more."""


class _Facts(dict[str, str]):
    """A template's fields: a field a raise site did not give reads as ``?``, never an error."""

    def __missing__(self, key: str) -> str:
        return "?"


class Translator:
    """Looks the app's strings up in one language, falling back to Chinese.

    Args:
        lang: ``zh`` or ``en``; anything else means Chinese.

    Attributes:
        lang: The language in use.
        labels: The core's labels of article metadata in that language.
    """

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang if lang in LANGUAGES else "zh"
        self._table = LANGUAGES[self.lang]
        self.labels = LABELS[self.lang]

    def __call__(self, key: str, **fields: object) -> str:
        """Return the string for ``key``, with ``fields`` formatted in."""
        text = self._table.get(key) or ZH.get(key, key)
        return text.format(**fields) if fields else text

    def error(self, err: NewsreaderError) -> str:
        """Return ``err`` as one line in this language: its kind, then its facts."""
        title, detail = self.error_parts(err)
        return f"{title}{_SEPARATOR[self.lang]}{detail}" if detail else title

    def note(self, note: str) -> str:
        """Return a note of the service (:class:`~newsreader.core.errors.Note`) in this language.

        A plain string (a note no one gave a key yet) is returned as it is.
        """
        from newsreader.core.errors import Note

        if not isinstance(note, Note) or f"{note.key}" not in ZH:
            return note
        facts = self._facts(note.facts)
        if note.error is not None:
            facts["error"] = self.error(note.error)
        return self(note.key).format_map(_Facts(facts))

    def failure(self, error: BaseException) -> str:
        """Return any failure as one line: a :class:`NewsreaderError` by :meth:`error`.

        Anything else is a bug, said as such (its details belong in the log, not on screen).
        """
        from newsreader.core.errors import NewsreaderError

        if isinstance(error, NewsreaderError):
            return self.error(error)
        return self("notify.unexpected")

    def error_parts(self, err: NewsreaderError) -> tuple[str, str]:
        """Return the title (the error's kind) and the detail (its facts) of ``err``.

        The detail is the reason's text with the facts filled in. An error raised without a
        reason says where (its path, URL or host) in Chinese; in English it keeps its message.
        """
        title = self(f"error.{err.kind}")
        if err.reason is not None and f"reason.{err.reason}" in ZH:
            template = self(f"reason.{err.reason}")
            return title, template.format_map(_Facts(self._facts(err.facts)))
        if self.lang == "en":
            return title, err.message
        where = next((str(err.facts[name]) for name in _WHERE if name in err.facts), "")
        return title, where

    def _facts(self, facts: Mapping[str, Fact]) -> dict[str, str]:
        shown: dict[str, str] = {}
        for name, value in facts.items():
            shown[name] = f"{value:g}" if isinstance(value, float) else str(value)
        cause = facts.get("cause")
        if cause is not None and f"cause.{cause}" in ZH:
            # A cause may name the other facts of its error (a limit, the value refused).
            shown["cause"] = self(f"cause.{cause}").format_map(_Facts(shown))
        return shown
