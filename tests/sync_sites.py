"""Demo sites for sync tests: the demo site with one hostile list page."""

from __future__ import annotations

from newsreader.demo.responses import Resource
from newsreader.demo.site import DemoSite

NEWS = "xwzx/xw"


class BrokenLinksSite(DemoSite):
    """The demo site, but 新闻's first list page names ``links`` articles that do not exist.

    Attributes:
        hostile: The response for that list page (its body is the page's HTML in UTF-8).
    """

    def __init__(self, links: int) -> None:
        super().__init__()
        page = super().resolve(f"/{NEWS}.htm")
        assert page is not None
        html = page.body.decode("utf-8-sig")
        start, end = html.index('<div class="list-box"><ul>'), html.index("</ul></div>")
        items = "".join(
            f'<li><a href="../info/1023/{900000 + n}.htm">坏链接{n}</a>'
            f'<span class="date">2026-01-01</span></li>'
            for n in range(links)
        )
        html = html[:start] + '<div class="list-box"><ul>' + items + html[end:]
        self.hostile = Resource(html.encode("utf-8"), "text/html")

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the hostile list page for 新闻's first page, else the demo's answer."""
        if path_and_query == f"/{NEWS}.htm":
            return self.hostile
        return super().resolve(path_and_query)
