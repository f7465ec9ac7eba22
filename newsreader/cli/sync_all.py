"""``newsreader sync`` with no argument: every source of the list, hosts in parallel.

Each source is synced by a service of its own (its own fetcher) over one shared cache, and all
of them fetch under the home service's one politeness (:meth:`NewsService.for_source`): a host
sees one polite queue and has its robots.txt read once, whichever source asks it, a feed's
items on a site's host included. Sources on one host are synced one after the other; different
hosts are synced in parallel, at most :data:`HOSTS_AT_ONCE` at a time. A source that fails is
said in one line and never stops the others; the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsreader.cli.commands import prune_after_sync, summary_line, sync_failed
from newsreader.core.config import Config
from newsreader.core.errors import NewsreaderError, OfflineError
from newsreader.core.i18n import Translator
from newsreader.core.service import NewsService

if TYPE_CHECKING:
    from newsreader.core.sources.registry import SourceEntry
    from newsreader.demo.sources import DemoSources

HOSTS_AT_ONCE = 4
"""Hosts synced at the same time."""


async def run_sync_all(args: argparse.Namespace, config: Config, demo: DemoSources | None) -> int:
    """Sync every source of the list (the demo's with ``--demo``); return the exit status.

    Prints one line per source as it finishes: its summary, or (on stderr) why it failed.

    Raises:
        OfflineError: The run is offline.
        CacheReadOnly: The cache cannot be written.
        ConfigError: The sources file is invalid.
    """
    import asyncio

    from newsreader.cli.sources import run_registry, source_of
    from newsreader.core.sync import sync
    from newsreader.core.urls import site_key

    tr = Translator(config.lang)
    if config.offline:
        raise OfflineError(
            "sync needs the network; run it without --offline", reason="offline_sync"
        )
    entries = run_registry(args, config, demo).entries
    home = NewsService.open(config)
    try:
        home.listen(lambda note: _warn(tr.note(note)))
        home.library.require_writable("sync")
        # Sources by host, in the list's order: one host's sources run one after the other.
        by_host: dict[object, list[SourceEntry]] = {}
        for entry in entries:
            by_host.setdefault(site_key(entry.url), []).append(entry)
        limit = asyncio.Semaphore(HOSTS_AT_ONCE)
        failed: list[str] = []

        async def one(entry: SourceEntry) -> None:
            service = home.for_source(source_of(entry))
            try:
                pages = args.pages or config.sync_pages
                summary = await sync(service, pages=pages, refresh=args.refresh)
            except NewsreaderError as err:
                failed.append(entry.name)
                _warn(tr("cli.sync_source_failed", name=entry.name, reason=tr.error(err)))
                return
            finally:
                await service.aclose()
            if sync_failed(summary):
                failed.append(entry.name)
            print(tr("cli.sync_source", name=entry.name, summary=summary_line(summary, tr)))

        async def host(group: list[SourceEntry]) -> None:
            async with limit:
                for entry in group:
                    await one(entry)

        await asyncio.gather(*(host(group) for group in by_host.values()))
        prune_after_sync(home, tr)
    finally:
        await home.aclose()
    return 1 if failed else 0


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)
