"""The one-line panel above the footer shown while a section is saved for offline reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from newsreader.core.sync import SyncProgress


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

    def _bar(self) -> ProgressBar:
        """The progress bar; the label, the bar and the hint are built on the first sync.

        The panel is hidden until then, and most runs never sync: building them at start-up
        cost the first screen an import and four widgets.
        """
        from textual.widgets import ProgressBar

        if not self.children:
            self.mount(
                Static(id="sync-label"),
                ProgressBar(id="sync-bar", show_eta=True),
                Static(Content.styled(self.tr("sync.cancel_hint"), "dim"), id="sync-hint"),
            )
        return self.query_one(ProgressBar)

    @property
    def running(self) -> bool:
        """Whether the panel is on show (a sync is running)."""
        return self.has_class("-running")

    def begin(self, title: str) -> None:
        """Show the panel for the section called ``title`` (page text: shown literally)."""
        self._title = safe_line(title)
        self.add_class("-running")
        self._bar().update(total=None, progress=0)
        self._label(self.tr("sync.phase.sections"), 0, 0)

    def advance(self, step: SyncProgress) -> None:
        """Show a step: the phase, ``done/total`` and the bar (its ETA restarts per phase)."""
        bar = self._bar()
        bar.update(total=max(step.total, 1), progress=step.done)
        self._label(self.tr(f"sync.phase.{step.phase}"), step.done, step.total)

    def end(self) -> None:
        """Hide the panel."""
        self.remove_class("-running")

    def _label(self, phase: str, done: int, total: int) -> None:
        text = self.tr("sync.label", title=self._title, phase=phase, done=done, total=total)
        self.query_one("#sync-label", Static).update(Content(text))
