"""The local SQLite cache: raw pages, parsed models, read state, bookmarks and search.

Importing this package does nothing but define names: the database is opened (and its directory
created) by :meth:`Cache.open`.
"""

from __future__ import annotations

from newsreader.core.cache.cache import Cache

__all__ = ["Cache"]
