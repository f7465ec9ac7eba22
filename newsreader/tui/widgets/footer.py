"""The key bar: the keys of the focused screen, drawn as one line of text by one widget.

Textual's ``Footer`` composes one ``FooterKey`` widget per key and recomposes them all on every
bindings update (every focus change publishes one). Each key is then mounted, styled twice (its
``compact`` watcher toggles a class, restyling it) and laid out: about 30 ms at launch for ten
keys, 20-70 ms on a focus change, and (through ``data_bind`` watchers Textual only drops when
``compact`` changes) a leak of the removed keys. This footer shows the same keys, styled with the
same theme variables, with a repaint when they change and nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.style import Style as VisualStyle


# The key kept longest when the line is too short: the help lists every other.
HELP_KEY = "question_mark"


class Key(NamedTuple):
    """One key on show: what to press, how it is shown and whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool


class NewsFooter(Widget):
    """One line at the bottom: the screen's keys on the left, the command palette's on the right.

    Clicking a key presses it (as with Textual's ``Footer``); a disabled key rings the bell. The
    key under the pointer is highlighted, as ``Footer``'s are.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "news-footer--key",
        "news-footer--description",
        "news-footer--separator",
        "news-footer--hover",
    }
    DEFAULT_CSS: ClassVar[str] = """
    NewsFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .news-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .news-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .news-footer--separator {
            color: $foreground 20%;
        }
        & > .news-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        # Where each key was drawn at the last render: (first column, end column, key).
        self._spans: list[tuple[int, int, Key]] = []
        self._hover: Key | None = None

    def on_mount(self) -> None:
        """Follow the screen's bindings (focus changes, enabled actions), and a dialog's."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        """Stop following the screens' bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    @property
    def keys_screen(self) -> Screen[Any]:
        """The screen whose keys are shown: a dialog over the footer's screen, else its own.

        A dialog has no key bar of its own; the one under it shows what works now, the
        dialog's keys, not those of the screen the dialog blocks.
        """
        top = self.app.screen
        if top is not self.screen and isinstance(top, ModalScreen):
            return top
        return self.screen

    def _screen_changed(self, screen: Screen[Any]) -> None:
        shown = self.keys_screen
        if shown is not self.screen:
            shown.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(shown)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Repaint when the keys on show differ (focus moves often keep them)."""
        if screen is not self.keys_screen:
            return
        keys, palette = self._read_keys(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _read_keys(self, screen: Screen[Any]) -> tuple[tuple[Key, ...], Key | None]:
        """The keys ``Footer`` would show: one per action, in order, plus the palette's."""
        app = self.app
        active = screen.active_bindings
        keys: dict[str, Key] = {}
        for _, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in keys:
                display = app.get_key_display(binding)
                keys[binding.action] = Key(binding.key, display, binding.description, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            display = app.get_key_display(binding)
            palette = Key(binding.key, display, binding.description, enabled)
        return tuple(keys.values()), palette

    def _key_content(
        self, key: Key, styles: tuple[VisualStyle, VisualStyle], *, compact: bool = False
    ) -> Content:
        """`` key description `` (``key description`` when compact), styled as ``FooterKey``."""
        key_style, description_style = styles
        shown, description = (
            (key.display, f" {key.description}")
            if compact
            else (f" {key.display} ", f"{key.description} ")
        )
        # Content.styled takes the text literally: no markup is parsed.
        text = Content.assemble(
            Content.styled(shown, key_style),
            Content.styled(description if key.description else "", description_style),
        )
        if key == self._hover:
            text = text.stylize(self.get_visual_style("news-footer--hover"))
        return text if key.enabled else text.stylize("dim")

    def render(self) -> Content:
        """The keys left to right; the palette's key at the right end after a thin bar.

        As with ``Footer``, the palette's key stays when the line is too short for every key.
        The keys on the left are dropped whole, never cut in the middle of a label: from the
        right (the keys are in order of use, the screen's last), the help key last of all, as
        it leads to every other.
        """
        width = self.size.width
        # Resolving a component style walks the CSS: once per paint, not once per key.
        styles = (
            self.get_visual_style("news-footer--key"),
            self.get_visual_style("news-footer--description"),
        )
        right = Content()
        if self._palette is not None:
            bar = Content.styled("▏", self.get_visual_style("news-footer--separator"))
            # Footer draws the palette's key compact (its own default), then one column of padding.
            right = bar + self._key_content(self._palette, styles, compact=True) + " "
        room = max(width - right.cell_length, 0)
        parts = [(key, self._key_content(key, styles)) for key in self._keys]
        while parts and sum(part.cell_length for _, part in parts) > room:
            drop = next(
                (i for i in reversed(range(len(parts))) if parts[i][0].key != HELP_KEY),
                len(parts) - 1,
            )
            del parts[drop]
        spans: list[tuple[int, int, Key]] = []
        left = Content()
        for key, part in parts:
            start = left.cell_length
            spans.append((start, start + part.cell_length, key))
            left += part
        if self._palette is not None and right.cell_length <= width:
            spans.append((room + 1, width, self._palette))
        self._spans = spans
        return left.truncate(room, pad=True) + right

    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the pointer."""
        key = self._key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer."""
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        """No key is under the pointer any more."""
        self._set_hover(None)

    def _set_hover(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()
