"""Pure parsing functions over selectolax (lexbor): nav -> sections, list pages, articles.

Nothing here touches the network or the cache; every string handed out is sanitized. The only
exception that escapes is :class:`~newsreader.core.errors.ParseError`.
"""

from __future__ import annotations

from newsreader.core.parse.article import parse_article
from newsreader.core.parse.listing import parse_list
from newsreader.core.parse.meta import page_kind, parse_site_name
from newsreader.core.parse.nav import parse_sections

__all__ = ["page_kind", "parse_article", "parse_list", "parse_sections", "parse_site_name"]
