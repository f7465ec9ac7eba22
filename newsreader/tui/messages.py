"""The one message every pane shares: a load failed.

Each pane posts its own messages, nested on its class (``SectionTree.Selected``,
``ArticleList.Opened``, ``Reader.Shown``, ``SyncPanel.Finished`` ...); a failure is the same thing
whichever pane it happened in, so it is one message here. The pane has already shown what it
shows on failure; the screen tracks the network state and reports the error once.
"""

from __future__ import annotations

from textual.message import Message


class LoadFailed(Message):
    """A pane's worker failed; the pane reset itself, the screen reports the error.

    Attributes:
        what: The worker's group: ``sections``, ``list``, ``more``, ``article`` or ``render``.
        key: The URL concerned (empty for the section tree).
        error: The exception.
        quiet: True when the pane shows the failure in place of what it was loading (the
            reader's error page, the empty list saying why, a source's node): it is said
            there, once, and not in a notification too; a failure in the background (a
            refresh of what stays on show, a next page) is notified.
    """

    def __init__(self, what: str, key: str, error: BaseException, *, quiet: bool = False) -> None:
        super().__init__()
        self.what = what
        self.key = key
        self.error = error
        self.quiet = quiet
