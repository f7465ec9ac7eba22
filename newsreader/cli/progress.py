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

from newsreader.core.sync import SyncProgress

_LABELS = {"sections": "sections", "lists": "list pages", "articles": "articles"}


class SyncProgressBar:
    """One Rich progress bar per sync phase, drawn on stderr."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description:>10}"),
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
            task = self._progress.add_task(_LABELS[step.phase], total=step.total or None)
            self._tasks[step.phase] = task
        self._progress.update(task, completed=step.done, total=max(step.total, step.done) or None)
