"""The one-line panel above the footer shown while a section is saved for offline reading.

The panel runs the sync itself: :meth:`SyncPanel.start` shows it and saves the section in its
``sync`` worker; :meth:`SyncPanel.cancel` stops it. Either way the end is announced with
:class:`SyncPanel.Finished`; a failure also with :class:`~newsreader.tui.messages.LoadFailed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from newsreader.core.results import SyncSummary
from newsreader.core.urls import same_site
from newsreader.tui.i18n import Translator
from newsreader.tui.messages import LoadFailed
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from newsreader.core.service import NewsService
    from newsreader.core.sync import SyncProgress

# At most this many failure reasons are listed in the summary notification.
MAX_REASONS = 5


def summary_text(tr: Translator, summary: SyncSummary) -> str:
    """What a sync did, in one line, with the first failures' reasons (page text, never markup)."""
    text = tr(
        "sync.summary",
        new=summary.new,
        updated=summary.updated,
        unchanged=summary.unchanged,
        failed=summary.failed,
    )
    if summary.failures:
        reasons = [f"{f.url}: {f.reason}" for f in summary.failures[:MAX_REASONS]]
        more = summary.failed - len(reasons)
        text += " · " + " · ".join(reasons) + (f" · (+{more})" if more > 0 else "")
    return text


class SyncPanel(Horizontal):
    """A label (section, phase, done/total), a progress bar with its ETA, and the cancel hint.

    Hidden until :meth:`start` (or :meth:`begin`), hidden again when the sync ends.

    Args:
        service: The service the sync saves through unless told another (the list's source's).
        tr: The UI language.
    """

    class Finished(Message):
        """The sync ended: done (with a summary), cancelled or failed (``summary`` is ``None``).

        Attributes:
            url: The list URL of the section synced.
            summary: What the sync did, or ``None`` when it was cancelled or failed.
            current: False for the late end of a sync cancelled before (the user was told).
        """

        def __init__(self, url: str, summary: SyncSummary | None, *, current: bool) -> None:
            super().__init__()
            self.url = url
            self.summary = summary
            self.current = current

    def __init__(self, service: NewsService, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.tr = tr
        self._title = ""
        self._run = 0  # numbers the syncs, so a cancelled one's late end is recognised

    def start(
        self,
        section: tuple[str, str] | None,
        *,
        pages: int,
        service: NewsService | None = None,
    ) -> str | None:
        """Save a section (its list pages and every article on them) for offline reading.

        Args:
            section: The section's ``(list URL, title)``; ``None`` when there is none to save.
            pages: How many list pages to save.
            service: The service of the section's source (by default :attr:`service`, the
                list's): a section of another source in the sidebar is saved through its own.

        Returns:
            ``None`` when the sync started, else the message key of why not.
        """
        from newsreader.core.sync import sync

        saver = service if service is not None else self.service
        if self.running:
            return "sync.busy"
        if saver.offline:
            # Checked here: offline, core sync would stop at the first article not yet cached.
            return "sync.offline"
        if section is None:
            return "sync.no_section"
        url, title = section
        if not same_site(url, saver.site_url):
            # A menu entry leading off the site: core sync would refuse it as a usage error,
            # the CLI's words; here it is refused before anything starts.
            return "sync.off_site"
        self._run += 1
        run = self._run
        self.begin(title)

        def progress(step: SyncProgress) -> None:
            # Called on the event loop (the sync is async): the bar can be moved directly.
            if self.running and run == self._run:
                self.advance(step)

        async def work() -> None:
            summary: SyncSummary | None = None
            try:
                summary = await sync(saver, [url], pages=pages, progress=progress)
            finally:  # also when cancelled or failed: hide the panel, recount what was kept
                current = run == self._run
                if current:
                    self.end()
                self.post_message(self.Finished(url, summary, current=current))

        self.run_worker(
            work(), name="sync", group="sync", description=url, exclusive=True, exit_on_error=False
        )
        return None

    def cancel(self) -> bool:
        """Cancel a running sync (what it committed stays); False when none is running."""
        if not self.running:
            return False
        self.workers.cancel_group(self, "sync")
        # A worker cancelled before it started never reaches its ``finally``: end here.
        self._run += 1
        self.end()
        return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Pass a failed sync on to the screen (the panel is hidden already)."""
        worker = event.worker
        if event.state is WorkerState.ERROR and worker.error is not None:
            self.post_message(LoadFailed(worker.group, worker.description, worker.error))

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
