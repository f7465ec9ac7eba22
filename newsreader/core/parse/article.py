"""Article page -> :class:`~newsreader.core.models.Article`.

META tags first (``ArticleTitle``, ``PubDate``, ``ContentSource``), then the visible page: heading,
the 来源/发布日期/编辑 info line, the ``.v_news_content`` body (or the densest block of ``<p>``
text), attachments, 上一条/下一条 and the breadcrumb. Class names are hints with fallbacks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.core.errors import ParseError
from newsreader.core.models import Article, Attachment, Block, Link
from newsreader.core.parse.body import BodyResult, extract_blocks
from newsreader.core.parse.crumbs import breadcrumb
from newsreader.core.parse.dates import find_date, find_stamp
from newsreader.core.parse.dom import attr, has_ancestor_hint, link_url, parse_html, strip_junk
from newsreader.core.parse.generic import GAIN, MIN_OWN_CHARS, body_chars, extract_generic
from newsreader.core.parse.meta import page_title, read_meta, site_name_from
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.vsb import canonical_article_url, link_problem, vsb_markers

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_STOP = r"(?=\s{2,}|\n|\s*(?:发布|编辑|责任编辑|作者|撰稿|摄影|审核|时间|日期|点击|浏览|阅读)|$)"
_SOURCE = re.compile(r"(?:稿件来源|文章来源|信息来源|新闻来源|来源)\s*[:：]\s*(.*?)" + _STOP)
_EDITOR = re.compile(r"(?:责任编辑|编辑)\s*[:：]\s*(.*?)" + _STOP)
_DATE_LABEL = re.compile(r"(?:发布日期|发布时间|发表时间|更新时间|日期|时间)\s*[:：]\s*")
_EDITOR_LINE = re.compile(r"^[（(\[【]?\s*(?:责任编辑|编辑)\s*[:：]\s*(.+?)\s*[)）\]】]?$")
_ATTACH_EXT = re.compile(r"\.(?:pdf|docx?|xlsx?|zip|rar|7z|pptx?|wps|txt|et|dps)$", re.I)
_NEIGHBOUR = re.compile(r"^\s*(上一条|上一篇|下一条|下一篇)\s*[:：]?\s*")
_LABEL_WORDS = ("上一条", "上一篇", "下一条", "下一篇")
# Links whose parent's text may hold a label word, found by lexbor in C (reading the parent text of
# every link of the page in Python was a tenth of the whole parse); two prefixes cost half of the
# four words, and the words are checked on the few links found. One walk with ``:is`` rather than
# a selector list (two walks, and a link under both words came back twice).
_LABELLED_LINKS = ':is(:lexbor-contains("上一"), :lexbor-contains("下一")) > a[href]'
# The same link inside an inline wrapper of its own, the label outside it
# (``下一篇：<span id="…"><a href="…">标题</a></span>``, an older VSB article template).
_WRAPPED_LINKS = (
    ':is(:lexbor-contains("上一"), :lexbor-contains("下一"))'
    " > :is(span, font, strong, b, em) > a[href]"
)
_META_NAMES = frozenset(("articletitle", "pubdate", "contentsource", "columnname", "sitename"))
"""The META names the article parser reads (``sitename`` through :func:`site_name_from`)."""
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CHROME = ("foot", "nav", "menu", "copyright", "banquan", "header", "sidebar")
_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】"}
_OPENERS = {close: open_ for open_, close in _PAIRS.items()}


def _field(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    value = _trim_brackets(clean_line(match.group(1)))
    return value or None


def _trim_brackets(value: str) -> str:
    """Strip brackets wrapping ``value`` or left unbalanced at its ends, keeping balanced ones.

    ``（来源：X）`` gives ``X`` but ``《报》(2026年1月27日 第01版)`` keeps its closing bracket.
    """
    value = value.strip()
    for _ in range(4):
        if not value:
            break
        first, last = value[0], value[-1]
        if first in _PAIRS and _PAIRS[first] == last and len(value) > 1:
            value = value[1:-1].strip()
        elif first in _PAIRS and value.count(first) > value.count(_PAIRS[first]):
            value = value[1:].strip()
        elif last in _OPENERS and value.count(last) > value.count(_OPENERS[last]):
            value = value[:-1].strip()
        else:
            break
    return value


def _densest(tree: LexborHTMLParser) -> LexborNode | None:
    """Return the element whose ``<p>`` children hold the most Chinese text, chrome excluded."""
    scores: dict[int, tuple[int, LexborNode]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        count = len(_CJK.findall(p.text() or ""))
        old = scores.get(parent.mem_id)
        scores[parent.mem_id] = ((old[0] if old else 0) + count, parent)
    for score, node in sorted(scores.values(), key=lambda pair: -pair[0]):
        if score < 20:
            return None
        if not has_ancestor_hint(node, _CHROME):
            return node
    return None


def _body_node(tree: LexborHTMLParser) -> LexborNode | None:
    nodes = tree.css(".v_news_content")
    if len(nodes) == 1:
        return nodes[0]  # the usual case: no need to measure texts
    if nodes:
        return max(nodes, key=lambda n: len(n.text() or ""))
    node = tree.css_first("#vsb_content, #vsb_content_2, #vsb_content_1")
    return node if node is not None else _densest(tree)


def _region(tree: LexborHTMLParser, body: LexborNode | None) -> LexborNode | None:
    """Return the element holding the article's title, info line, body and neighbours."""
    form = tree.css_first("form[name='_newscontent_fromname']")
    if form is not None:
        return form
    if body is None:
        return tree.body
    current = body
    for _ in range(3):
        parent = current.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        current = parent
    return current


def _attachments(tree: LexborHTMLParser, region: LexborNode | None, url: str) -> list[Attachment]:
    out: list[Attachment] = []
    seen: set[str] = set()
    links = list(tree.css("a[href*='DownloadAttachUrl'], a[href*='download.jsp']"))
    if region is not None:
        links += [a for a in region.css("a[href]") if _ATTACH_EXT.search(attr(a, "href"))]
    for link in links:
        target = link_url(attr(link, "href"), url)
        if target is None or target in seen:
            continue
        seen.add(target)
        name = clean_line(link.text() or "") or clean_line(attr(link, "title"))
        if not name:
            name = clean_line(target.rsplit("/", 1)[-1].split("?", 1)[0]) or "attachment"
        out.append(Attachment(name, target))
    return out


def _neighbours(tree: LexborHTMLParser, url: str) -> dict[str, Link]:
    """Return ``{"prev"|"next": Link}`` from links labelled 上一条/下一条 (上一篇/下一篇)."""
    found: dict[str, Link] = {}
    wrapped = tree.css(_WRAPPED_LINKS)
    wrapped_ids = {node.mem_id for node in wrapped}
    for link in [*tree.css(_LABELLED_LINKS), *wrapped]:
        raw = link.text() or ""
        # A wrapped link stands for its wrapper: the label is beside the wrapper.
        unit = link.parent if link.mem_id in wrapped_ids and link.parent is not None else link
        before = unit.prev
        context = ""
        if before is not None:
            context = (before.text_content if before.tag == "-text" else before.text()) or ""
        holder = unit.parent
        parent_text = (holder.text() or "") if holder is not None else ""
        if not any(word in parent_text for word in _LABEL_WORDS):
            continue
        own = clean_line(raw)
        label = _NEIGHBOUR.match(own)
        title = own[label.end() :] if label else own
        if label is None:
            label = _NEIGHBOUR.match(clean_line(context)[-8:])
        if label is None and holder is not None:
            label = _NEIGHBOUR.match(clean_line(parent_text))
            if label and len(holder.css("a")) > 1:
                label = None
        if label is None:
            continue
        key = "prev" if label.group(1).startswith("上") else "next"
        target = link_url(attr(link, "href"), url)
        if key in found or target is None or link_problem(target) is not None:
            continue
        full = clean_line(attr(link, "title"))
        if not title or (full and title.rstrip(".…") != title and len(full) > len(title)):
            title = full or title
        if title and title != "没有了":
            found[key] = Link(title, canonical_article_url(target))
    return found


def _pick_editor(blocks: list[Block], editor: str | None) -> tuple[list[Block], str | None]:
    """Take an editor line (``（编辑：X）``) off the end of the body when it is the editor."""
    for index in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        block = blocks[index]
        if block.kind != "paragraph":
            continue
        match = _EDITOR_LINE.match(block.text)
        if match and (editor is None or clean_line(match.group(1)) == editor):
            return blocks[:index] + blocks[index + 1 :], editor or clean_line(match.group(1))
    return blocks, editor


def _title(
    tree: LexborHTMLParser,
    region: LexborNode | None,
    meta: dict[str, str],
    crumbs: tuple[str, ...],
) -> str:
    """Return the title: META, else the first heading that is not a column name, else
    ``<title>`` without its site-name suffix (``标题-协会`` gives ``标题``)."""
    if meta.get("articletitle"):
        return meta["articletitle"]
    scope = region if region is not None else tree.body
    if scope is not None:
        # An h1 in the article's region is the title; other headings may be column banners
        # placed before it, so they come second, in page order.
        for selector in ("h1", "h2, h3, [id*='title'], [class*='title']"):
            for heading in scope.css(selector):
                text = clean_line(heading.text() or "")
                # A heading naming a column of the breadcrumb is the column's banner.
                if len(text) >= 2 and text != meta.get("columnname") and text not in crumbs:
                    return text
    title = page_title(tree)
    site = site_name_from(tree, meta)
    if site and title.endswith(site) and title != site:
        title = title[: -len(site)].rstrip(" -—|_")
    return title


def _with_generic(html: str, url: str, own: BodyResult) -> BodyResult:
    """Return the generic extractor's body instead of ours when ours is (nearly) empty.

    Only for pages that are not VSB: on VSB pages our parser is the reference, and a short body
    there is a short article.
    """
    own_chars = body_chars(own.blocks)
    if own_chars >= MIN_OWN_CHARS or vsb_markers(html, url):
        return own
    found = extract_generic(html, url)
    return found if body_chars(found.blocks) >= max(GAIN * own_chars, 1) else own


def parse_article(html: str, url: str, *, generic: bool = True) -> Article:
    """Parse an article page.

    Args:
        html: The page text.
        url: The page URL (made canonical: ``info/{tree}/{id}.htm`` for VSB articles).
        generic: Ask the generic extractor when our own body is under
            :data:`~newsreader.core.parse.generic.MIN_OWN_CHARS` on a page that is not VSB
            (see :mod:`newsreader.core.parse.generic`); off, our own extraction only.

    Raises:
        ParseError: When the page has neither a title nor a body.
    """
    tree = parse_html(html)
    meta = read_meta(tree, _META_NAMES)
    strip_junk(tree)
    body = _body_node(tree)
    result = extract_blocks(body, url) if body is not None else BodyResult()
    if generic:
        result = _with_generic(html, url, result)
    region = _region(tree, body)
    attachments = _attachments(tree, region, url)
    crumbs = breadcrumb(tree)
    title = _title(tree, region, meta, crumbs)
    if body is not None:
        body.decompose()  # what is left of the region is title, info line and neighbours
        if region is body:
            region = None
    # Regexes run on the raw text (\s covers &nbsp; and U+3000); only matches get sanitized,
    # which keeps whole-page sanitizing off the hot path.
    info = region.text(separator="\n") if region is not None else ""
    page_text = ""
    source = meta.get("contentsource") or _field(_SOURCE, info)
    editor = _field(_EDITOR, info)
    stamp = find_stamp(meta.get("pubdate", ""))
    if stamp is None:
        label = _DATE_LABEL.search(info)
        stamp = find_stamp(info[label.end() :]) if label else find_stamp(info)
    if source is None or editor is None or stamp is None:
        page_text = tree.body.text(separator="\n") if tree.body is not None else ""
        source = source or _field(_SOURCE, page_text)
        editor = editor or _field(_EDITOR, page_text)
        if stamp is None:
            label = _DATE_LABEL.search(page_text)
            stamp = find_stamp(page_text[label.end() :]) if label else None
    blocks, editor = _pick_editor(result.blocks, editor)
    if not title and not blocks:
        raise ParseError(f"no article found on {url}", reason="no_article", facts={"url": url})
    if not title:
        title = clean_line(blocks[0].text)[:80] or "untitled"
    neighbours = _neighbours(tree, url)
    date = stamp[0] if stamp else find_date(meta.get("pubdate", ""))
    return Article(
        url=canonical_article_url(url),
        title=title,
        source=source,
        date=date,
        published=stamp[1] if stamp else None,
        editor=editor,
        section=crumbs,
        blocks=tuple(blocks),
        attachments=tuple(attachments),
        images=tuple(result.images),
        prev=neighbours.get("prev"),
        next=neighbours.get("next"),
    )
