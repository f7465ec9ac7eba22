"""Small keyword-argument factories for the core models, shared by every test.

Each factory returns a valid model with plain defaults, so a test names only the fields it is
about: ``article(3)`` is ``https://s.cn/info/1/3.htm`` titled 标题3 with one paragraph 正文.
"""

from __future__ import annotations

from typing import Any

from newsreader.core.models import Article, Block

HOST = "s.cn"


def article_url(n: int = 1, *, host: str = HOST, column: int = 1) -> str:
    """The site's article URL ``https://HOST/info/COLUMN/N.htm``."""
    return f"https://{host}/info/{column}/{n}.htm"


def paragraph(text: str = "正文", **fields: Any) -> Block:
    """A paragraph block; ``fields`` are any other :class:`Block` fields (``links=``)."""
    return Block("paragraph", text, **fields)


def article(
    n: int = 1,
    title: str | None = None,
    body: str = "正文",
    *,
    url: str | None = None,
    host: str = HOST,
    column: int = 1,
    blocks: tuple[Block, ...] | None = None,
    **fields: Any,
) -> Article:
    """Article ``n``: at :func:`article_url`, titled 标题N, one paragraph ``body``.

    Args:
        n: The article's number, in its URL and default title.
        title: The title (default 标题N).
        body: The text of its one paragraph (unused when ``blocks`` is given).
        url: The URL, instead of the one made from ``n``, ``host`` and ``column``.
        host: The host of the made URL.
        column: The column number of the made URL.
        blocks: The body blocks, instead of one paragraph.
        **fields: Any other :class:`Article` field (``date=``, ``next=``, ``attachments=``).
    """
    return Article(
        url=url or article_url(n, host=host, column=column),
        title=f"标题{n}" if title is None else title,
        blocks=(paragraph(body),) if blocks is None else blocks,
        **fields,
    )


def varied_text(seed: int, length: int = 1500) -> str:
    """``length`` CJK characters that differ by ``seed``, so the stored blobs barely compress."""
    return "".join(chr(0x4E00 + (seed * 7 + k) % 2000) for k in range(length))


def bulky_article(n: int) -> Article:
    """Article ``n`` of another site with a 1,500-character body: pages of real size on disk."""
    return article(n, f"文章{n}", varied_text(n), host="r.cn", column=2)
