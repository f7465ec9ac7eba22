"""The key bar: Textual's ``Footer``, rebuilt only when the keys on show change, without leaking.

Textual's ``Footer`` recomposes on every bindings update (every focus change publishes one) and
``data_bind``s each new ``FooterKey`` to ``Footer.compact``. That binding is a watcher held by the
footer, and Textual drops dead watchers only when ``compact`` changes, which it never does here:
every recompose kept ~10 removed ``FooterKey`` widgets alive (message queue, styles, signals),
1,000+ after opening 100 articles. This footer skips updates that change nothing on show and
drops the watchers of removed keys after each recompose.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

# What the footer shows, as compared between two bindings updates.
Signature = tuple[object, ...]


class NewsFooter(Footer):
    """A ``Footer`` whose recomposes are rare and release the keys they replace."""

    def __init__(self) -> None:
        super().__init__()
        self._keys_shown: Signature | None = None

    def _signature(self, screen: Screen[Any]) -> Signature:
        """The keys ``screen`` would show now: everything ``Footer.compose`` reads."""
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        palette = self.show_command_palette and app.ENABLE_COMMAND_PALETTE
        return (keys, palette, self.compact)

    def compose(self) -> ComposeResult:
        """Textual's keys, remembering what they show."""
        self._keys_shown = self._signature(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose only when the keys on show would differ (focus moves often keep them)."""
        if (
            self._keys_shown is not None
            and self.is_attached
            and screen is self.screen
            and self._signature(screen) == self._keys_shown
        ):
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Recompose, then forget the ``compact`` watchers of the keys just removed."""
        await super().recompose()
        watchers: dict[str, list[tuple[object, object]]] = getattr(self, "__watchers", {})
        bound = watchers.get("compact")
        if bound:
            alive = {id(node) for node in self.query("*")}
            bound[:] = [(node, callback) for node, callback in bound if id(node) in alive]
