"""The TUI's side of the translation table: key help, binding descriptions, the translator.

The strings themselves live in :mod:`newsreader.core.i18n` (the CLI uses them too); this module
keeps what only the TUI needs, and re-exports the table and the translator for the TUI's modules.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Final

from newsreader.core.i18n import EN, LANGUAGES, ZH, Translator

if TYPE_CHECKING:
    from textual.dom import DOMNode

__all__ = ["EN", "KEY_HELP", "LANGUAGES", "ZH", "Translator", "key_name", "localize_bindings"]

# The help screen and the command palette: (keys as shown, description key, action of the
# screen or of the focused pane). An empty action: no palette command (the keys only make sense
# inside a pane).
KEY_HELP: Final[tuple[tuple[str, str, str], ...]] = (
    ("Tab / Shift+Tab", "key.next_pane", "focus_next_pane"),
    ("↑ ↓ / j k", "key.move", ""),
    ("Enter", "key.open", ""),
    ("← / →", "key.collapse_expand", ""),
    ("Space / PageDown", "key.page_down", ""),
    ("b / PageUp", "key.page_up", ""),
    ("g / G", "key.top_bottom", ""),
    ("n", "key.next_unread", "next_unread"),
    ("p", "key.prev_unread", "prev_unread"),
    ("]", "key.next", "next_article"),
    ("[", "key.prev", "prev_article"),
    ("l", "key.links", "links"),
    ("r", "key.refresh", "refresh"),
    ("o", "key.browser", "open_browser"),
    ("y", "key.copy", "copy_url"),
    ("/", "key.search", "search"),
    ("a", "key.add_source", "add_source"),
    ("d", "key.remove_source", "remove_source"),
    ("s", "key.star", "star"),
    ("S", "key.sync", "sync_section"),
    ("m", "key.mark_read", "mark_section_read"),
    ("M", "key.mark_all_read", "mark_all_read"),
    ("\\ / Ctrl+B", "key.sidebar", "toggle_sidebar"),
    ("z / f", "key.maximize", "maximize_reader"),
    ("Ctrl+O", "key.offline", "toggle_offline"),
    ("Ctrl+P", "key.palette", ""),
    ("?", "key.help", "help"),
    ("Esc", "key.back", "back"),
    ("q", "key.quit", "quit"),
)


# How the help screen names the keys Textual abbreviates (pgup, ⏎, esc, ^p): the key bar and
# the palette say them the same way, one name per key.
_KEY_NAMES: Final[dict[str, str]] = {
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "home": "Home",
    "end": "End",
}


def key_name(key: str, short: str) -> str:
    """Return the name the help screen gives ``key`` (a Textual key such as ``ctrl+b``).

    Args:
        key: The key as a binding names it.
        short: Textual's display of it (``↑``, ``?``, ``/``), used when the help has no
            name of its own for it.
    """
    *modifiers, base = key.split("+")
    name = _KEY_NAMES.get(base) or (base.upper() if modifiers and len(base) == 1 else None)
    if name is None:
        return short
    return "+".join([*(m.capitalize() for m in modifiers), name])


def localize_bindings(node: DOMNode, tr: Translator) -> None:
    """Replace ``key.*`` binding descriptions of ``node`` by their translation.

    Bindings are declared once per class with description keys; each instance holds its own
    copy of the bindings map, so translating it per instance keeps the language a runtime choice.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            dataclasses.replace(b, description=tr(b.description))
            if b.description.startswith("key.")
            else b
            for b in bindings
        ]
