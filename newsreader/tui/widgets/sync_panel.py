"""The one-line panel above the footer shown while a section is saved for offline reading."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from newsreader.core.sync import SyncProgress
from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line


class SyncPanel(Horizontal):
    """A label (section, phase, done/total), a progress bar with its ETA, and the cancel hint.

    Hidden until :meth:`begin`; the screen feeds it :class:`SyncProgress` steps and hides it with
    :meth:`end`. It posts nothing: cancelling is a key of the screen.

    Args:
        tr: The UI language.
    """

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self._title = ""

    def compose(self) -> ComposeResult:
        """The label, the bar and the hint."""
        yield Static(id="sync-label")
        yield ProgressBar(id="sync-bar", show_eta=True)
        yield Static(Content.styled(self.tr("sync.cancel_hint"), "dim"), id="sync-hint")

    @property
    def running(self) -> bool:
        """Whether the panel is on show (a sync is running)."""
        return self.has_class("-running")

    def begin(self, title: str) -> None:
        """Show the panel for the section called ``title`` (page text: shown literally)."""
        self._title = safe_line(title)
        self.add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._label(self.tr("sync.phase.sections"), 0, 0)

    def advance(self, step: SyncProgress) -> None:
        """Show a step: the phase, ``done/total`` and the bar (its ETA restarts per phase)."""
        bar = self.query_one(ProgressBar)
        bar.update(total=max(step.total, 1), progress=step.done)
        self._label(self.tr(f"sync.phase.{step.phase}"), step.done, step.total)

    def end(self) -> None:
        """Hide the panel."""
        self.remove_class("-running")

    def _label(self, phase: str, done: int, total: int) -> None:
        text = self.tr("sync.label", title=self._title, phase=phase, done=done, total=total)
        self.query_one("#sync-label", Static).update(Content(text))
