"""The sync progress bar on stderr (Rich), with counts and an ETA."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsreader.core.cells import cell_len
from newsreader.core.i18n import Translator
from newsreader.core.sync import SyncProgress

LABEL_CELLS = 10
"""The width of the phase's name, in terminal cells."""


class SyncProgressBar:
    """One Rich progress bar per sync phase, drawn on stderr.

    Args:
        tr: The language of the phases' names.
    """

    def __init__(self, tr: Translator) -> None:
        self._tr = tr
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> SyncProgressBar:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def update(self, step: SyncProgress) -> None:
        """Show ``step``: create the phase's bar on first sight, then advance it."""
        task = self._tasks.get(step.phase)
        if task is None:
            # Right-aligned by terminal cells: a Chinese label is twice as wide as its length.
            label = self._tr(f"cli.progress.{step.phase}")
            label = " " * max(LABEL_CELLS - cell_len(label), 0) + label
            task = self._progress.add_task(label, total=step.total or None)
            self._tasks[step.phase] = task
        self._progress.update(task, completed=step.done, total=max(step.total, step.done) or None)
