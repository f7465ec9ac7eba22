"""What the main screen does with a URL: follow a link, the browser, the clipboard, downloads;
and the screens it opens over itself (search, help).

Each asks first where it must (a confirmation modal before a URL leaves for the browser, before
a saved file is opened), runs anything that may block in a worker of the screen, and answers the
key that asked: every reply and every failure is shown, however often the key is pressed (a
failed browser names the URL; a file no viewer can open says where it was saved).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.core.errors import NewsreaderError, ViewerError
from newsreader.core.models import Attachment
from newsreader.core.urls import is_http_url, same_site
from newsreader.tui.render import LinkTarget, safe_line

if TYPE_CHECKING:
    import webbrowser
    from collections.abc import Callable
    from types import ModuleType

    from textual.screen import Screen

    from newsreader.core.service import NewsService
    from newsreader.tui.app import NewsreaderApp
    from newsreader.tui.i18n import Translator
    from newsreader.tui.screens.main import MainScreen


def confirm_browser(screen: Screen[None], app: NewsreaderApp, url: str) -> None:
    """Ask, then open ``url`` in the browser (http/https only); say so when none opens it."""
    from newsreader.tui.screens.confirm import ConfirmOpen

    tr = app.tr
    if not is_http_url(url):
        app.notify_text(tr("confirm.bad_scheme", url=safe_line(url)[:200]), severity="warning")
        return

    async def work() -> None:
        if not await start_browser(app, url):
            browser_failed(app, url)

    def answered(yes: bool | None) -> None:
        if yes:
            app.notify_text(tr("notify.opening"))
            screen.run_worker(work(), name="browser", group="browser", exit_on_error=False)

    app.push_screen(ConfirmOpen(url, tr), answered)


async def start_browser(app: NewsreaderApp, url: str) -> bool:
    """Hand ``url`` to the system's browser (``$BROWSER`` first); whether one took it.

    The standard library's ``webbrowser`` honours ``$BROWSER`` and finds the others. A browser
    it waits for (a console browser such as w3m, or a ``$BROWSER`` command) may need the
    terminal: it gets it, the app suspended until it exits, as for an editor. Any other is
    started from a thread, as starting it can block.
    """
    import webbrowser

    from textual.app import SuspendNotSupported

    browser = await asyncio.to_thread(_first_browser)
    if browser is not None and type(browser) is webbrowser.GenericBrowser:
        try:
            with app.suspend():
                return _launch(browser, url)
        except SuspendNotSupported:  # no terminal to lend (the tests' headless driver)
            return await asyncio.to_thread(_launch, browser, url)
    # webbrowser.open tries each browser it knows in turn (none: False).
    return await asyncio.to_thread(_launch, webbrowser, url)


def _first_browser() -> webbrowser.BaseBrowser | None:
    """The browser ``webbrowser`` would try first, or None when it knows none."""
    import webbrowser

    try:
        return webbrowser.get()
    except webbrowser.Error:
        return None


def _launch(browser: webbrowser.BaseBrowser | ModuleType, url: str) -> bool:
    """Open ``url`` with ``browser`` (or the ``webbrowser`` module: every browser in turn);
    whether it was opened. A browser that cannot be started at all is the same answer."""
    import webbrowser

    try:
        return bool(browser.open(url))
    except (webbrowser.Error, OSError):
        return False


def browser_failed(app: NewsreaderApp, url: str) -> None:
    """Say that no browser opened ``url``, show it and send it to the terminal's clipboard."""
    tr = app.tr
    app.copy_to_clipboard(url)
    app.notify_text(
        tr("notify.browser_failed_url", url=safe_line(url)),
        title=tr("notify.browser_failed"),
        severity="error",
        timeout=20,
    )


def open_in_browser(screen: Screen[None], app: NewsreaderApp, url: str | None) -> None:
    """Ask, then open ``url`` in the browser; or say there is nothing to open."""
    if url is None:
        app.notify_text(app.tr("notify.nothing"))
    else:
        confirm_browser(screen, app, url)


def follow_link(screen: MainScreen, target: LinkTarget) -> None:
    """Download an attachment; open an article of this site; anything else via the browser.

    Args:
        screen: Runs the workers (browser, download), opens an article, knows the one on show.
        target: The link picked in the reader.
    """
    app, service, url = screen.news_app, screen.service, target.url
    if target.kind == "attachment":
        article = screen.reader.article
        download(screen, app, service, target, article.attachments if article else ())
    elif target.kind in ("link", "prev", "next") and (
        service.source.is_article_url(url) and same_site(url, service.site_url)
    ):
        screen.open_article(url)
    else:
        confirm_browser(screen, app, url)


def search(app: NewsreaderApp, service: NewsService, chosen: Callable[[str | None], None]) -> None:
    """Open the search screen; ``chosen`` gets the URL of the article picked (``None``: none)."""
    from newsreader.tui.screens.search import SearchScreen

    app.push_screen(SearchScreen(service, app.tr), chosen)


def show_help(app: NewsreaderApp) -> None:
    """Show every key."""
    from newsreader.tui.screens.help import HelpScreen

    app.push_screen(HelpScreen(app.tr))


def copy_url(app: NewsreaderApp, url: str | None) -> None:
    """Send ``url`` to the terminal's clipboard (OSC 52), or say there is nothing to copy.

    Nothing tells whether the terminal honoured OSC 52 (many ignore it), so the reply says
    where the URL was sent, not that it was copied, and shows it.
    """
    if url is None:
        app.notify_text(app.tr("notify.nothing"))
        return
    app.copy_to_clipboard(url)
    app.notify_text(safe_line(url), title=app.tr("notify.clipboard_sent"))


def download(
    screen: Screen[None],
    app: NewsreaderApp,
    service: NewsService,
    target: LinkTarget,
    known: tuple[Attachment, ...],
) -> None:
    """Download an attachment into the download directory, then offer to open it.

    Args:
        screen: Runs the ``download`` worker (its failure handler reports a failure).
        app: For the notifications and the confirmation modal.
        service: Downloads through its client.
        target: The link picked.
        known: The attachments of the article on show (their names are kept).
    """
    from newsreader.core.attachments import default_download_dir, download_attachment

    named = (a for a in known if a.url == target.url)
    attachment = next(named, Attachment(target.label, target.url))
    dest = default_download_dir(service.config)
    app.notify_text(app.tr("notify.downloading", name=safe_line(target.label)))

    async def work() -> None:
        try:
            path = await download_attachment(service, attachment, dest)
        except NewsreaderError as err:
            # The answer to the key that asked for it: shown however often it is asked.
            app.report_error(err, reply=True)
            return
        offer_viewer(screen, app, path)

    screen.run_worker(
        work(),
        name="download",
        group="download",
        description=target.url,
        exclusive=True,
        exit_on_error=False,
    )


def offer_viewer(screen: Screen[None], app: NewsreaderApp, path: Path) -> None:
    """Say where the file is, then offer to open it with the system viewer, if there is one."""
    from newsreader.tui.screens.confirm import ConfirmOpen

    tr: Translator = app.tr
    if viewer_program() is None:
        app.notify_text(tr("notify.saved_no_viewer", path=str(path)), title=tr("notify.saved"))
        return
    app.notify_text(str(path), title=tr("notify.saved"), timeout=10)

    async def view() -> None:
        try:
            await open_file(path)
        except ViewerError as err:
            app.report_error(err, reply=True)

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(view(), name="viewer", group="viewer", exit_on_error=False)

    app.push_screen(ConfirmOpen(str(path), tr, title=tr("confirm.viewer")), answered)


def viewer_program() -> str | None:
    """The program that opens a file with the system's viewer, or None when there is none."""
    if sys.platform == "win32":
        return "startfile"
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    return opener if shutil.which(opener) is not None else None


async def open_file(path: Path) -> None:
    """Open the saved file ``path`` with the system's viewer (nothing else is ever passed).

    Raises:
        ViewerError: The file is gone, no viewer could be started, or it reported a failure.
    """
    path = path.resolve()  # absolute, so it can never be taken for an option of the opener
    if not path.is_file():
        raise ViewerError(
            f"the file is gone: {path}", reason="file_gone", facts={"path": str(path)}
        )
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
        raise ViewerError(
            f"cannot start {opener} to open {path}: {err.strerror or err}",
            reason="no_viewer",
            facts={"path": str(path), "program": opener},
        ) from err
    code = await process.wait()
    if code != 0:
        raise ViewerError(
            f"{opener} could not open {path} (exit status {code})",
            reason="viewer_failed",
            facts={"path": str(path), "program": opener, "code": code},
        )
