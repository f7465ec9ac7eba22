"""The body of a page that is not VSB, when our own extraction finds (almost) nothing.

A well-kept extractor (readability-lxml) picks the element holding the article; its output HTML
is read back through our own body walk (:func:`~newsreader.core.parse.body.extract_blocks`), so
sanitising, links, images and tables stay ours. The extractor is given the page's text and
never fetches anything. ``benchmarks/bench_extract.py`` measured the choice and the threshold
(docs/PERFORMANCE.md, "Generic extraction").
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from newsreader.core.parse.body import BodyResult, extract_blocks
from newsreader.core.parse.dom import parse_html

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsreader.core.models import Block

MIN_OWN_CHARS = 400
"""Below this many characters of body text our own extraction is taken to have missed the
article, and the generic extractor is asked (on pages that are not VSB)."""
GAIN = 2
"""The extractor's body replaces ours only when it holds at least this many times our text: a
body of our own that it merely repeats with the title or the byline added is kept."""
MAX_GENERIC_CHARS = 4 * 1024 * 1024
"""Pages longer than this are not given to the extractor: a real article page is a fraction of
it (the largest of the benchmark's pages is 0.8 MB)."""
MAX_GENERIC_TAGS = 40_000
"""Pages with more tags than this are not given to the extractor either: it scores every
element in Python, about 1 s per 30,000 (our walk is a tenth of that); the benchmark's pages
have at most 6,500."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters lxml refuses in text (the extractor then gives up on the whole page); our
sanitiser drops them from the blocks anyway."""


def body_chars(blocks: Iterable[Block]) -> int:
    """Return how many non-space characters of text ``blocks`` hold."""
    return sum(len(text) - text.count(" ") for text in (block.plain() for block in blocks))


def blocks_from_fragment(fragment: str, url: str) -> BodyResult:
    """Read an extractor's output HTML as our blocks and images.

    Args:
        fragment: The HTML the extractor returned (a fragment or a whole document).
        url: The page URL, to make links and images absolute.
    """
    if not fragment.strip():
        return BodyResult()
    tree = parse_html(fragment)
    return extract_blocks(tree.body, url) if tree.body is not None else BodyResult()


def _readability_html(html: str, url: str) -> str:
    """Return readability's summary of ``html`` (empty when it finds no article)."""
    from readability import Document
    from readability.readability import Unparseable

    # readability logs a traceback for every page it cannot read; the fallback is best effort
    # and says nothing, so its logger is kept quiet.
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
    try:
        return str(Document(html, url=url).summary(html_partial=True))
    except Unparseable:  # what readability turns every failure of its own into
        return ""


def extract_generic(html: str, url: str) -> BodyResult:
    """Return the article body of a page that is not VSB, found by the generic extractor.

    No failure of the extractor escapes: an empty result means it found nothing. (Our own
    :func:`~newsreader.core.parse.dom.parse_html` of its output may raise ``ParseError``, as for
    any page.)

    Args:
        html: The page text (already fetched: nothing is fetched here).
        url: The page URL, to make links and images absolute.
    """
    if len(html) > MAX_GENERIC_CHARS or not 0 < html.count("<") <= MAX_GENERIC_TAGS:
        return BodyResult()
    return blocks_from_fragment(_readability_html(_NOT_XML.sub("", html), url), url)
