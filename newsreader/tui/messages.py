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
        quiet: True when the pane itself says it all (no notification on top).
    """

    def __init__(self, what: str, key: str, error: BaseException, *, quiet: bool = False) -> None:
        super().__init__()
        self.what = what
        self.key = key
        self.error = error
        self.quiet = quiet
