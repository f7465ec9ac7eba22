"""The offline library: save a section for offline reading, download attachments, mark read.

Same flow as ``loading.py``: keys start named, exclusive workers (``sync``, ``download``,
``viewer``) that only call the core and post messages; the handlers here update the widgets; a
failure reaches the user through the one handler, ``LoadingScreen.on_worker_state_changed``.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from newsreader.core.errors import NewsreaderError
from newsreader.core.models import Attachment
from newsreader.core.results import SyncSummary
from newsreader.tui.messages import AttachmentSaved, SyncFinished, SyncProgressed
from newsreader.tui.render import LinkTarget, safe_line
from newsreader.tui.screens.loading import STARRED_KEY, LoadingScreen
from newsreader.tui.widgets.sync_panel import SyncPanel

# At most this many failure reasons are listed in the summary notification.
MAX_REASONS = 5


class ViewerError(NewsreaderError):
    """The system viewer could not be started for a saved file, or it failed."""

    title = "Cannot open the file"


class LibraryScreen(LoadingScreen):
    """Adds the offline-library actions to the main screen's data flow."""

    _sync_run = 0  # numbers the syncs, so a cancelled one's late end is recognised

    @property
    def sync_panel(self) -> SyncPanel:
        """The sync progress panel."""
        return self.query_one(SyncPanel)

    # --- save a section for offline reading ---------------------------------------------------

    def current_section(self) -> tuple[str, str] | None:
        """The ``(list URL, title)`` of the focused section, else of the list on show."""
        if self.focused is self.sidebar:
            node = self.sidebar.cursor_node
            section = node.data.section if node and node.data else None
            if section is not None and section.url:
                return section.url, section.title
        key = self.articles.key
        if key and key != STARRED_KEY:
            return key, self._list_title
        return None

    def action_sync_section(self) -> None:
        """Save the current section (its list pages and every article on them) for offline."""
        from newsreader.core.sync import SyncProgress, sync

        if self.sync_panel.running:
            self.news_app.notify_text(self.tr("sync.busy"), severity="warning")
            return
        if self.service.offline:
            # Checked here: offline, core sync would stop at the first article not yet cached.
            self.news_app.notify_text(self.tr("sync.offline"), severity="warning")
            return
        current = self.current_section()
        if current is None:
            self.news_app.notify_text(self.tr("sync.no_section"), severity="warning")
            return
        url, title = current
        pages = self.news_app.config.sync_pages
        self._sync_run += 1
        run = self._sync_run
        self.sync_panel.begin(title)

        def progress(step: SyncProgress) -> None:
            # Called on the event loop (the sync is async): posting a message is enough.
            self.post_message(SyncProgressed(run, step))

        async def work() -> None:
            summary: SyncSummary | None = None
            try:
                summary = await sync(self.service, [url], pages=pages, progress=progress)
            finally:  # also when cancelled or failed: hide the panel, recount what was kept
                self.post_message(SyncFinished(run, url, summary))

        self.start("sync", work(), url)

    def action_cancel_sync(self) -> bool:
        """Cancel a running sync (what it committed stays); False when none is running."""
        if not self.sync_panel.running:
            return False
        for worker in self.workers:
            if worker.group == "sync" and not worker.is_finished:
                worker.cancel()
        # A worker cancelled before it started never reaches its ``finally``: end here.
        self._sync_run += 1
        self.sync_panel.end()
        self.refresh_marks()
        self.news_app.notify_text(self.tr("sync.cancelled"), severity="warning")
        return True

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        """Move the progress bar."""
        if self.sync_panel.running and message.run == self._sync_run:
            self.sync_panel.advance(message.progress)

    def on_sync_finished(self, message: SyncFinished) -> None:
        """Hide the panel, say what the sync did, and refresh the marks and unread counts."""
        self._known.pop(message.url, None)
        self.refresh_marks()
        if message.run != self._sync_run:
            return  # cancelled: the panel is gone and the user was told already
        self.sync_panel.end()
        summary = message.summary
        if summary is None:
            return  # it failed: the one failure handler reports why
        text = self.tr(
            "sync.summary",
            new=summary.new,
            updated=summary.updated,
            unchanged=summary.unchanged,
            failed=summary.failed,
        )
        if summary.failures:
            # Reasons and URLs are page text: notify_text never parses them as markup.
            reasons = [f"{f.url}: {f.reason}" for f in summary.failures[:MAX_REASONS]]
            more = summary.failed - len(reasons)
            text += " · " + " · ".join(reasons) + (f" · (+{more})" if more > 0 else "")
        self.news_app.notify_text(
            text,
            title=self.tr("sync.done"),
            severity="warning" if summary.failures else "information",
            timeout=10 if summary.failures else None,
        )

    def refresh_marks(self) -> None:
        """Recompute the list's read/cached marks and the sidebar's unread counts."""
        urls = [row.item.url for row in self.articles.rows]
        self.articles.update_marks(
            read=self.service.read_urls(urls),
            cached=self.service.cached_urls(urls),
            starred=self._starred,
        )
        self.update_counts()

    # --- mark a section read ------------------------------------------------------------------

    def action_mark_section_read(self) -> None:
        """Mark every cached article of the list on show read."""
        key = self.articles.key
        urls = {row.item.url for row in self.articles.rows}
        urls |= self._known.get(key, set()) if key else set()
        if not urls:
            self.news_app.notify_text(self.tr("notify.nothing"))
            return
        cached = self.service.cached_urls(urls)
        # A cache that cannot save (read-only, full) marks fewer: the service said why, once.
        marked = sum(self.service.mark_read(url) for url in sorted(cached))
        self.refresh_marks()
        self.news_app.notify_text(
            self.tr("notify.marked_read", count=marked),
            severity="warning" if marked < len(cached) else "information",
        )

    # --- attachments --------------------------------------------------------------------------

    def download(self, target: LinkTarget) -> None:
        """Download an attachment of the article on show into the download directory."""
        from newsreader.core.attachments import default_download_dir, download_attachment

        known = self.article.attachments if self.article is not None else ()
        attachment = next(
            (a for a in known if a.url == target.url), Attachment(target.label, target.url)
        )
        dest = default_download_dir(self.service.config)
        self.news_app.notify_text(self.tr("notify.downloading", name=safe_line(target.label)))

        async def work() -> None:
            path = await download_attachment(self.service, attachment, dest)
            self.post_message(AttachmentSaved(path))

        self.start("download", work(), target.url)

    def on_attachment_saved(self, message: AttachmentSaved) -> None:
        """Say where the file is, then offer to open it with the system viewer."""
        from newsreader.tui.screens.confirm import ConfirmOpen

        path = message.path
        self.news_app.notify_text(str(path), title=self.tr("notify.saved"), timeout=10)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(open_file(path), name="viewer", group="viewer", exit_on_error=False)

        self.app.push_screen(
            ConfirmOpen(str(path), self.tr, title=self.tr("confirm.viewer")), answered
        )


async def open_file(path: Path) -> None:
    """Open the saved file ``path`` with the system's viewer (nothing else is ever passed).

    Raises:
        ViewerError: The file is gone, no viewer could be started, or it reported a failure.
    """
    path = path.resolve()  # absolute, so it can never be taken for an option of the opener
    if not path.is_file():
        raise ViewerError(f"the file is gone: {path}")
    if sys.platform == "win32":
        # os.startfile returns at once but may block briefly; keep it off the event loop.
        await asyncio.to_thread(os.startfile, path)  # type: ignore[attr-defined,unused-ignore]
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    try:
        process = await asyncio.create_subprocess_exec(
            opener,
            str(path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError as err:
        raise ViewerError(f"cannot start {opener} to open {path}: {err.strerror or err}") from err
    code = await process.wait()
    if code != 0:
        raise ViewerError(f"{opener} could not open {path} (exit status {code})")
