"""The Textual application: built by :func:`create_app` with its dependencies injected.

Importing this module does nothing: no app, no service, no files. The CLI opens the service and
the list of sources and calls ``create_app(config, service, registry).run()``; the app builds a
service for each source on the service's cache and closes them all when it exits.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from newsreader.core.config import Config
from newsreader.core.errors import NewsreaderError
from newsreader.core.sanitize import clean_line
from newsreader.tui.i18n import KEY_HELP, Translator, key_name, localize_bindings
from newsreader.tui.palette import NewsreaderPalette
from newsreader.tui.sources import SourceSet

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.core.sources.registry import Registry

# An identical background notice is not repeated within this many seconds ("errors shown once");
# a reply to a key always is.
DEDUPE_SECONDS = 30.0


class NewsreaderApp(App[None]):
    """The terminal news reader.

    Args:
        config: The run's configuration (language, site).
        service: The news service; owned by the app from now on and closed on exit.
        registry: The list of sources to show (``None``: the service's one site).
        fixed: The list may not change (``--demo``'s own).
    """

    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "key.quit", show=False, priority=True),
        # Textual's own binding of the palette says "palette" in every language; this one,
        # declared here, replaces it and is translated like every other.
        Binding("ctrl+p", "command_palette", "key.palette_footer", show=False, priority=True),
    ]

    def __init__(
        self,
        config: Config,
        service: NewsService,
        registry: Registry | None = None,
        *,
        fixed: bool = False,
    ) -> None:
        super().__init__()
        self.config = config
        self.service = service
        self.sources = SourceSet(service, registry, fixed=fixed)
        self.tr = Translator(config.lang)
        self.title = self.tr("app.title")
        self._recent: dict[tuple[str, str, str], float] = {}
        self._theme_note: str | None = None
        self._list_frozen = False
        self._collector_held = False
        localize_bindings(self, self.tr)
        self._apply_theme(config.theme)

    def _apply_theme(self, name: str) -> None:
        """Use the configured theme; an unknown name keeps the default and says so on mount.

        The core cannot check the name (it never imports Textual), so a typo in the config file
        is caught here, where the registered themes are known.
        """
        if name in self.available_themes:
            self.theme = name
            return
        self._theme_note = self.tr("notify.unknown_theme", name=name, default=self.theme)

    def on_load(self) -> None:
        """Hold the garbage collector until the first screen is on show.

        What exists now (the modules) and what start-up builds (styles, widgets, the tree)
        lives as long as the app: collecting it is wasted work, and start-up allocates enough
        to set off a full pass over some 50,000 objects (20-40 ms of a ~450 ms launch, which
        the minimal Textual app never reaches; docs/PERFORMANCE.md §1).
        """
        # A host process (a test, an embedding program) that holds the collector itself keeps
        # it held: it is given back only if it was running.
        self._collector_held = gc.isenabled()
        gc.freeze()
        gc.disable()

    def _collect_again(self) -> None:
        """Freeze what start-up built and let the collector run again.

        The garbage start-up left while the collector was held is frozen with the rest, out of
        every pass's reach until the app ends: ~4,300 objects, against ~1,200 when the collector
        runs all along. Collecting it first is a pass over every object start-up made, which
        took back most of what holding the collector gave (1.25x -> 1.33x the minimal app's
        launch in interleaved runs); a few thousand objects, once, are the cheaper price.
        """
        gc.freeze()
        self._resume_collector()

    def _resume_collector(self) -> None:
        if self._collector_held:
            self._collector_held = False
            gc.enable()

    def on_mount(self) -> None:
        """Show the main screen and the service's start-up notes (e.g. a rebuilt cache)."""
        from newsreader.tui.screens.main import MainScreen

        # A dialog's keys are shown in the key bar too: in the UI's language, before the bar
        # reads them (immediate).
        self.screen_change_signal.subscribe(self, self._localize_keys, immediate=True)
        self.push_screen(MainScreen(self.service, self.tr, self.sources))
        # Start-up's objects live as long as the app: frozen, the collector's full passes no
        # longer walk them (those pauses were the tail of opening an article; see
        # docs/PERFORMANCE.md §3). Collecting starts again from here.
        self.call_after_refresh(self._collect_again)
        # Start-up notes now, later ones (a page or mark that could not be saved) as they arise.
        self.service.listen(
            lambda note: self.notify_text(
                self.tr.note(note), severity="warning", timeout=10, background=True
            )
        )
        if self._theme_note is not None:
            self.notify_text(self._theme_note, severity="warning", timeout=10, background=True)

    def _localize_keys(self, screen: Screen[object]) -> None:
        """A screen's keys in the UI's language; the palette's Esc (Textual's English "Exit the
        command palette") says back, as every dialog's does."""
        if isinstance(screen, CommandPalette):
            table = screen._bindings.key_to_bindings
            for key, bindings in table.items():
                table[key] = [replace(b, description="key.back") if b.show else b for b in bindings]
        localize_bindings(screen, self.tr)

    def action_help_quit(self) -> None:
        """Ctrl+C (a reflex to quit; it copies now) says how to quit, in the UI's language.

        Textual's own answer is English ("Do you want to quit?").
        """
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                key = self.get_key_display(active.binding)
                self.notify_text(
                    self.tr("notify.how_to_quit", keys=key), title=self.tr("notify.quit_title")
                )
                return

    def get_key_display(self, binding: Binding) -> str:
        """A key as the help screen names it (``PageUp``, ``Enter``, ``Ctrl+P``), everywhere."""
        shown = super().get_key_display(binding)
        return shown if binding.key_display else key_name(binding.key, shown)

    def first_list_shown(self) -> None:
        """Freeze once more when the first list is on show (later calls do nothing).

        Showing it builds objects that live on too (rows, styles, the list's caches); frozen
        with them, the collector's full passes stop walking them and the tail of opening an
        article shrinks (docs/PERFORMANCE.md §3).
        """
        if not self._list_frozen:
            self._list_frozen = True
            self.call_after_refresh(gc.freeze)

    async def on_unmount(self) -> None:
        """Close the services (network clients and the cache) on the way out."""
        # What start-up froze goes back to the collector: the process may live on (tests).
        gc.unfreeze()
        self._resume_collector()
        await self.sources.aclose()

    def notify_text(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        background: bool = False,
    ) -> None:
        """Notify with plain text (never markup); a background notice once per
        :data:`DEDUPE_SECONDS`.

        Page text can reach a notification (a title in an error message), so markup is always
        off. A failing background refresh must not stack the same toast every time, but a
        reply to a key is always shown: pressing ``y`` twice gets two answers.

        Args:
            message: The text.
            title: The toast's title.
            severity: ``information``, ``warning`` or ``error``.
            timeout: Seconds on screen (Textual's default when ``None``).
            background: Whether it is a notice nobody asked for (deduplicated) rather than
                the reply to a key (always shown).
        """
        message, title = clean_line(message), clean_line(title)
        if background:
            now = time.monotonic()
            key = (severity, title, message)
            if now - self._recent.get(key, -DEDUPE_SECONDS) < DEDUPE_SECONDS:
                return
            self._recent[key] = now
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def report_error(
        self, error: BaseException, *, reply: bool = False, quiet: bool = False
    ) -> None:
        """The one place failures become notifications; never a traceback on screen.

        Args:
            error: A :class:`NewsreaderError` (its kind and facts are shown in the UI's
                language; its English detail goes to the log), or anything else (a bug: logged
                in full, shown as one line).
            reply: The failure answers a key (a download, the viewer): always shown. Else it
                is a background notice, shown once per :data:`DEDUPE_SECONDS`.
            quiet: The pane that failed shows it already: logged only.
        """
        if isinstance(error, NewsreaderError):
            self.log.error(error.one_line())
            if quiet:
                return
            title, detail = self.tr.error_parts(error)
            self.notify_text(detail, title=title, severity="error", background=not reply)
            return
        self.log.error(repr(error))
        if quiet:
            return
        self.notify_text(
            f"{type(error).__name__}: {error}",
            title=self.tr("notify.unexpected"),
            severity="error",
            background=not reply,
        )

    def action_command_palette(self) -> None:
        """Show the command palette, its prompt and its no-matches line in the UI language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = NewsreaderPalette(
                placeholder=self.tr("palette.prompt"), no_matches=self.tr("palette.no_matches")
            )
            self.push_screen(palette)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Offer every key's action in the command palette (Ctrl+P), in the UI language.

        Textual's own entries (Keys, Maximize, Screenshot, Theme) are left out: they are
        English only, and the app has its own help (``?``), full-screen reader (``z``) and a
        configured theme. Each entry is named by what it does; its help says its key. An action
        is the screen's, or the focused pane's (the sidebar's ``a`` and ``d``).
        """
        for keys, description, action in KEY_HELP:
            node = next(
                (n for n in (screen, screen.focused) if action and hasattr(n, f"action_{action}")),
                None,
            )
            if node is not None:
                yield SystemCommand(
                    self.tr(description),
                    self.tr("palette.keys", keys=keys),
                    partial(node.run_action, action),
                )


def create_app(
    config: Config, service: NewsService, registry: Registry | None = None, *, fixed: bool = False
) -> NewsreaderApp:
    """Build the app around an open service (the CLI runs it; tests use ``run_test``).

    Args:
        config: The run's configuration.
        service: The open service of the configured site; it owns the cache every source's
            service shares.
        registry: The list of sources the sidebar shows, each as a node; ``None`` shows the
            service's one site (``--site``).
        fixed: The list may not change (``--demo``'s own list): ``a`` and ``d`` say so.
    """
    return NewsreaderApp(config, service, registry, fixed=fixed)
