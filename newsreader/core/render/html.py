"""Article to a standalone HTML file, for ``newsreader export --format html``.

Every string from a page is passed through :func:`html.escape` (quotes included), and only
http(s) URLs become links or images, so an exported file can run no script of the site's: a
``javascript:`` link stays plain text. A Content-Security-Policy forbids scripts as well, in case.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from newsreader.core.models import Article, Block
from newsreader.core.render.dispatch import link_runs, write_block
from newsreader.core.render.labels import Labels, labels_for
from newsreader.core.urls import is_http_url

CSS = """
body { max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.7;
       font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #222; background: #fff; }
h1 { font-size: 1.6em; line-height: 1.3; }
.meta { color: #666; font-size: .9em; margin: 0 0 1.5em; padding: 0; list-style: none; }
.meta li { display: inline-block; margin-right: 1.2em; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: .3em .6em; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; color: #555; }
pre { background: #f5f5f5; padding: .8em; overflow-x: auto; }
nav.neighbours { border-top: 1px solid #ddd; margin-top: 2em; padding-top: 1em; }
@media (prefers-color-scheme: dark) {
  body { color: #ddd; background: #161616; } .meta { color: #999; }
  pre { background: #222; } td, th { border-color: #444; }
}
""".strip()

CSP = "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'"


def esc(text: str) -> str:
    """Escape ``text`` for HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


def link(url: str, text: str) -> str:
    """Return ``<a>`` for an http(s) ``url``; any other scheme gives the escaped text only."""
    if not is_http_url(url):
        return esc(text)
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def _inline(block: Block) -> str:
    """Block text with its link spans as links; line breaks as ``<br>``."""
    html_text = "".join(
        esc(text) if url is None else link(url, text) for text, url in link_runs(block)
    )
    return html_text.replace("\n", "<br>\n")


class HtmlWriter:
    """Body blocks as HTML, one string each (``""`` for nothing to show)."""

    def heading(self, block: Block) -> str:
        """``<h2>``…``<h6>``: the article's title is the only ``<h1>``."""
        level = min(max(block.level, 1) + 1, 6)
        return f"<h{level}>{_inline(block)}</h{level}>"

    def paragraph(self, block: Block) -> str:
        """``<p>``, its links as links."""
        return f"<p>{_inline(block)}</p>"

    def list_item(self, block: Block) -> str:
        """A bare ``<li>``: :func:`body_html` opens and closes the lists."""
        return f"<li>{_inline(block)}</li>"

    def table(self, block: Block) -> str:
        """A ``<table>``, the first row of ``<th>``."""
        if not block.rows:
            return ""
        lines = ["<table>"]
        for i, row in enumerate(block.rows):
            tag = "th" if i == 0 else "td"
            cells = "".join(f"<{tag}>{esc(cell)}</{tag}>".replace("\n", "<br>") for cell in row)
            lines.append(f"<tr>{cells}</tr>")
        lines.append("</table>")
        return "\n".join(lines)

    def image(self, block: Block) -> str:
        """An ``<img>`` of an http(s) source; otherwise its alt text in brackets, if any."""
        if not is_http_url(block.url):
            return f"<p>[{esc(block.text)}]</p>" if block.text else ""
        return f'<p><img src="{esc(block.url)}" alt="{esc(block.text)}" loading="lazy"></p>'

    def quote(self, block: Block) -> str:
        """``<blockquote>``."""
        return f"<blockquote>{_inline(block)}</blockquote>"

    def pre(self, block: Block) -> str:
        """``<pre>``."""
        return f"<pre>{esc(block.text)}</pre>"


_WRITER = HtmlWriter()


def block_to_html(block: Block) -> str:
    """Return one body block as HTML (a list item as a bare ``<li>``; see :func:`body_html`)."""
    return write_block(block, _WRITER)


def body_html(blocks: Sequence[Block]) -> str:
    """Return the body; consecutive list items become one list (ordered when numbered)."""
    out: list[str] = []
    open_list = ""
    for block in blocks:
        if block.kind == "list_item":
            tag = "ol" if block.marker[:1].isdigit() else "ul"
            if open_list != tag:
                if open_list:
                    out.append(f"</{open_list}>")
                out.append(f"<{tag}>")
                open_list = tag
        elif open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        rendered = block_to_html(block)
        if rendered:
            out.append(rendered)
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def page(title: str, body: str, lang: str = "zh-CN") -> str:
    """Wrap ``body`` (HTML) in a complete document titled ``title`` (plain text)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def content_html(article: Article, labels: Labels) -> str:
    """Return the article's own content as an HTML fragment: its body, then its attachments.

    The Atom feed's entries carry this; :func:`article_to_html` adds the title, the metadata
    and the neighbours around it.
    """
    parts = [body_html(article.blocks)]
    if article.attachments:
        parts.append(f"<h2>{esc(labels.attachments)}</h2>\n<ul>")
        parts.extend(f"<li>{link(a.url, a.name)}</li>" for a in article.attachments)
        parts.append("</ul>")
    return "\n".join(parts)


def article_to_html(article: Article, labels: Labels | None = None) -> str:
    """Return the whole article as a standalone HTML document with metadata and links.

    Args:
        article: The article.
        labels: The metadata labels, in the run's language (Chinese when not given).
    """
    words = labels or labels_for("zh")
    parts = [f"<article>\n<h1>{esc(article.title)}</h1>"]
    meta = words.meta(article)
    if article.section:
        meta.append((words.section, " / ".join(article.section)))
    items = [f"<li>{esc(label)}: {esc(value)}</li>" for label, value in meta]
    items.append(f"<li>{esc(words.original)}: {link(article.url, article.url)}</li>")
    parts.append('<ul class="meta">\n' + "\n".join(items) + "\n</ul>")
    parts.append(content_html(article, words))
    if article.prev or article.next:
        parts.append('<nav class="neighbours">')
        if article.prev:
            parts.append(f"<p>{esc(words.prev)}: {link(article.prev.url, article.prev.title)}</p>")
        if article.next:
            parts.append(f"<p>{esc(words.next)}: {link(article.next.url, article.next.title)}</p>")
        parts.append("</nav>")
    parts.append("</article>")
    return page(article.title, "\n".join(parts))
