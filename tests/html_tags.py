"""What an HTML document holds, for tests of the HTML we write (export, render)."""

from __future__ import annotations

import html.parser


class HtmlTags(html.parser.HTMLParser):
    """Collects the start tags of a document and its ``href`` and ``src`` values, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the tag and its links."""
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name == "src" and value is not None:
                self.srcs.append(value)
