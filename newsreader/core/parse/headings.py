"""Headings written as bold paragraphs: ``<p><strong>一、总体要求</strong></p>``.

Many VSB bodies are pasted from Word, where a section title is a paragraph typed in bold rather
than an ``<h3>``. A paragraph is read as a heading when all of these hold:

- every character of its text is inside bold markup within it (``<strong>``, ``<b>``, or an
  element styled ``font-weight: bold``/``bolder``/``600``-``900``): a bold lead-in followed by
  plain text (``<strong>一、</strong>总体要求…``) is a paragraph;
- its text is one line of at most :data:`HEADING_MAX_CHARS` characters: a bold sentence, or two
  bold lines split by ``<br>``, are emphasis, not a title;
- it does not end in sentence or clause punctuation (:data:`SENTENCE_END`), closing quotes and
  brackets aside: ``请注意：`` leads into what follows, ``务必按时提交。`` and
  ``“……太狡猾！”`` are sentences;
- it holds no link and no image (a heading block carries neither, and nothing may be lost).

The paragraph's own ``style`` is not looked at: that would cost an attribute read on every
paragraph of every page, for a form the sample pages never use.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.core.sanitize import clean_paragraph

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

HEADING_MAX_CHARS = 40
HEADING_LEVEL = 3
"""The level of a bold-paragraph heading: a section title under the article's own title."""
SENTENCE_END = frozenset("。．.！!？?；;：:，,、…")
_CLOSERS = "”’」』）)》〉】\"'"
_BOLD_TAGS = frozenset(("strong", "b"))
_NO_HEADING_TAGS = frozenset(("a", "img", "table", "ul", "ol", "li", "blockquote", "pre"))
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_BOLD_SELECTOR = 'strong, b, [style*="font-weight" i]'
# Characters other than whitespace (nbsp included) beyond which a paragraph's raw text cannot
# clean down to a heading: most paragraphs are turned away by this count, before the costlier
# cleaning and any walk. The margin is for characters the cleaning drops (zero-width spaces).
_RAW_LIMIT = HEADING_MAX_CHARS + 20
# Elements walked at most per paragraph, so that a hostile page of empty spans costs little.
_MAX_WALK = 200


def has_bold(root: LexborNode) -> bool:
    """Whether ``root`` holds any bold markup: without it no paragraph needs looking at."""
    return root.css_first(_BOLD_SELECTOR) is not None


def bold_heading(paragraph: LexborNode) -> str | None:
    """Return the heading text of a paragraph written as a bold heading, else ``None``.

    Args:
        paragraph: A ``<p>`` element of the body.

    Returns:
        The cleaned one-line text when the paragraph is a heading by the rules of this module.
    """
    raw = paragraph.text()
    if not raw or sum(map(len, raw.split())) > _RAW_LIMIT:
        return None
    if not _heading_like(clean_paragraph(raw)):
        return None
    pieces: list[str] = []
    # (node, inside bold markup) pairs, children pushed in reverse to pop in document order.
    stack: list[tuple[LexborNode, bool]] = [(child, False) for child in _children(paragraph)]
    stack.reverse()
    walked = 0
    while stack:
        walked += 1
        if walked > _MAX_WALK:
            return None
        node, bold = stack.pop()
        tag = node.tag
        if tag == "-text":
            value = node.text_content or ""
            if not bold and not value.isspace():
                return None
            pieces.append(value)
            continue
        if tag == "br":
            pieces.append("\n")
            continue
        if tag in _NO_HEADING_TAGS:
            return None
        if tag is None or tag.startswith("-"):
            continue  # comments
        if not bold:
            bold = (
                tag in _BOLD_TAGS
                or _BOLD_STYLE.search(node.attributes.get("style") or "") is not None
            )
        inner = [(child, bold) for child in _children(node)]
        inner.reverse()
        stack += inner
    heading = clean_paragraph("".join(pieces))
    return heading if _heading_like(heading) else None


def _heading_like(text: str) -> bool:
    if not 0 < len(text) <= HEADING_MAX_CHARS or "\n" in text:
        return False
    # A quoted sentence ends inside its quotes: “……太狡猾！” is a sentence, “打蛇打七寸” a title.
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] not in SENTENCE_END


def _children(node: LexborNode) -> list[LexborNode]:
    return list(node.iter(include_text=True))
