"""The labels of article metadata (来源, 发布日期, 上一条…), in every language the app speaks.

One table for every output: the CLI's text, Markdown, HTML and the TUI's reader (whose translator
takes these as its ``reader.*`` strings). The language is the run's ``Config.lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    # Only named in a signature: the translation table (core.i18n) reads these labels at
    # start-up, which must not cost the models' import.
    from newsreader.core.models import Article


@dataclass(frozen=True, slots=True)
class Labels:
    """The words around an article's own text, in one language.

    Attributes:
        source: Before the article's source (来源).
        date: Before its publication date.
        editor: Before its editor.
        section: Before its section path.
        original: Before the URL of the original page.
        image: Marks an image.
        no_caption: Stands for an image's missing alt text.
        attachments: Heads the attachments.
        links: Heads an article's links.
        prev: Before the previous article (上一条).
        next: Before the next article (下一条).
        none: Stands for a missing neighbour (没有了).
        not_exported: Marks an index entry whose article could not be exported.
    """

    source: str
    date: str
    editor: str
    section: str
    original: str
    image: str
    no_caption: str
    attachments: str
    links: str
    prev: str
    next: str
    none: str
    not_exported: str

    def meta(self, article: Article) -> list[tuple[str, str]]:
        """Return ``(label, value)`` for the source, date and editor the article has."""
        fields = (
            (self.source, article.source),
            (self.date, article.published or article.date),
            (self.editor, article.editor),
        )
        return [(label, value) for label, value in fields if value]


ZH: Final = Labels(
    source="来源",
    date="发布日期",
    editor="责任编辑",
    section="栏目",
    original="原文",
    image="图片",
    no_caption="无说明",
    attachments="附件",
    links="链接",
    prev="上一条",
    next="下一条",
    none="没有了",
    not_exported="未导出",
)

EN: Final = Labels(
    source="Source",
    date="Published",
    editor="Editor",
    section="Section",
    original="Original",
    image="image",
    no_caption="no caption",
    attachments="Attachments",
    links="Links",
    prev="Previous",
    next="Next",
    none="none",
    not_exported="not exported",
)

LABELS: Final[Mapping[str, Labels]] = {"zh": ZH, "en": EN}


def labels_for(lang: str) -> Labels:
    """Return the labels of ``lang`` (``zh`` or ``en``); any other language gets Chinese."""
    return LABELS.get(lang, ZH)
