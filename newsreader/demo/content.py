"""Deterministic generation of demo article bodies (HTML fragments of ``.v_news_content``)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from newsreader.demo import vocab
from newsreader.demo.structure import ATTACH_OWNER, GB_PATH, DemoArticle

NUMERALS = "一二三四五六七八九十"
ZWSP = "\u200b"


@dataclass(frozen=True)
class Body:
    """A generated article body.

    Attributes:
        html: The inner HTML of ``div.v_news_content``.
        description: The ``Description`` META text (start of the first paragraph).
        keywords: The ``Keywords`` META text (space separated).
        images: Site paths of the body's images.
    """

    html: str
    description: str
    keywords: str
    images: tuple[str, ...]


def sentence(rng: random.Random) -> str:
    """Return one generated sentence ending in ``。``."""
    shape = rng.randrange(5)
    if shape == 0:
        fact = rng.choice(vocab.FACTS).format(
            n=rng.randrange(12, 480), m=rng.randrange(2, 95), p=rng.randrange(55, 98)
        )
        return f"{rng.choice(vocab.OPENERS)}{fact}。"
    if shape == 1:
        return f"{rng.choice(vocab.SPEAKERS)}表示，“{rng.choice(vocab.QUOTES)}”。"
    subject = rng.choice(vocab.SUBJECTS)
    action = f"{rng.choice(vocab.ADVERBS)}{rng.choice(vocab.VERBS)}{rng.choice(vocab.OBJECTS)}"
    return f"{rng.choice(vocab.OPENERS)}{subject}将{action}，{rng.choice(vocab.CLAUSES)}。"


def paragraph(rng: random.Random, extra: tuple[str, ...] = ()) -> str:
    """Return one paragraph of 5 to 8 sentences; ``extra`` words may be woven in."""
    parts = [sentence(rng) for _ in range(rng.randrange(5, 9))]
    if extra:
        parts.insert(1, f"{rng.choice(extra)}的做法也受到与会代表关注。")
    return "".join(parts)


def _image_path(rng: random.Random, news_id: int) -> str:
    digest = f"{rng.getrandbits(64):016X}"
    return f"/__local/{digest[0]}/{digest[1:3]}/{digest[3:5]}/{digest[5:]}_{news_id}.png"


def _word_paragraph(text: str) -> str:
    # What a Word paste leaves behind: Mso classes, mso- styles, o:p and conditional comments.
    return (
        '<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0;'
        'line-height:28.0pt;mso-line-height-rule:exactly"><!--[if !supportLists]-->'
        '<span lang="EN-US" style="font-size:16.0pt;font-family:仿宋_GB2312;'
        f'mso-bidi-font-family:宋体">{text}</span><!--[endif]--><o:p></o:p></p>'
    )


def _table(rng: random.Random) -> str:
    rows = ["<tr><th>序号</th><th>地区</th><th>参与院校（所）</th><th>提供岗位（个）</th></tr>"]
    for number in range(1, rng.randrange(4, 7)):
        rows.append(
            f"<tr><td>{number}</td><td>{rng.choice(vocab.PLACES)}</td>"
            f"<td>{rng.randrange(8, 90)}</td><td>{rng.randrange(300, 9000)}</td></tr>"
        )
    return (
        '<table border="1" cellspacing="0" cellpadding="4" style="margin:0 auto;">'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def make_body(article: DemoArticle, seed: int, neighbour: DemoArticle | None) -> Body:
    """Generate the body of ``article`` (3,000 to 6,000 characters of text).

    Args:
        article: Whose body to make; its flags choose the optional features.
        seed: The site's seed, so a different seed gives different text.
        neighbour: An older article of the same column to link to from the text, if any.
    """
    rng = random.Random(f"body:{seed}:{article.tree_id}:{article.news_id}")
    extra = vocab.GB18030_WORDS if article.column == GB_PATH else ()
    first = paragraph(rng, extra)
    html: list[str] = []
    images: list[str] = []
    lead = first.replace("，", "，" + ZWSP, 1) if article.news_id % 2 else first
    html.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{lead}</p>')
    sections = rng.randrange(3, 5)
    headings = rng.sample(vocab.HEADINGS, sections)
    for number, heading in enumerate(headings):
        tag = "h3" if number % 2 else "p"
        label = f"{NUMERALS[number]}、{heading}"
        if tag == "h3":
            html.append(f"<h3>{label}</h3>")
        else:
            html.append(f'<p style="text-indent:2em;"><strong>{label}</strong></p>')
        for _ in range(rng.randrange(4, 7)):
            text = paragraph(rng, extra)
            if article.word_junk and rng.random() < 0.5:
                html.append(_word_paragraph(text))
            else:
                html.append(f'<p style="text-indent:2em;">{text}</p>')
        if number == 0:
            items = "".join(f"<li>{sentence(rng)}</li>" for _ in range(rng.randrange(3, 6)))
            html.append(f"<ol>{items}</ol>" if article.news_id % 3 else f"<ul>{items}</ul>")
        if number == 1:
            html.append(_table(rng))
            path = _image_path(rng, article.news_id)
            images.append(path)
            html.append(
                f'<p style="text-align:center;"><img src="{path}" width="600" '
                f'vspace="0" hspace="0" border="0" alt="{rng.choice(vocab.EVENTS)}现场" /></p>'
            )
    links = ['<a href="http://www.moe.gov.cn/" target="_blank">教育部网站</a>']
    if neighbour is not None:
        links.insert(0, f'<a href="{neighbour.news_id}.htm">{neighbour.title}</a>')
    html.append(f'<p style="text-indent:2em;">相关阅读：{"；".join(links)}。</p>')
    if article.attachments:
        html.append("<p>附件：</p>")
        for fileid, name in article.attachments:
            href = (
                "/system/_content/download.jsp?urltype=news.DownloadAttachUrl"
                f"&owner={ATTACH_OWNER}&wbfileid={fileid}"
            )
            html.append(f'<p><a href="{href}" target="_blank">{name}</a></p>')
    html.append(f'<p style="text-align:right;">（{article.source}供稿）</p>')
    keywords = " ".join(rng.sample(("就业", "毕业生", "协会", "服务", "高校", "岗位"), 4))
    return Body("\r\n".join(html), first[:90], keywords, tuple(images))
