"""Our own VSB-shaped fixture site and a 127.0.0.1 server for it (tests and ``--demo``).

The text is generated from :mod:`newsreader.demo.vocab` with a seeded random generator: it is
original, deterministic and offline. Only the standard library is used. Importing this package does
nothing; the names below are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.demo.responses import Resource
    from newsreader.demo.server import DemoServer, serve_forever
    from newsreader.demo.site import DemoSite

__all__ = ["DemoServer", "DemoSite", "Resource", "serve_forever"]


def __getattr__(name: str) -> Any:
    if name in ("DemoServer", "serve_forever"):
        from newsreader.demo import server

        return getattr(server, name)
    if name == "DemoSite":
        from newsreader.demo import site

        return site.DemoSite
    if name == "Resource":
        from newsreader.demo import responses

        return responses.Resource
    raise AttributeError(f"module 'newsreader.demo' has no attribute {name!r}")
