"""The commands over the user's list of sources, and ``--source NAME``.

``sources [--json]``, ``add URL [--name NAME] [--json]``, ``remove NAME``, ``rename NAME NEW``
(``opml import|export`` is :mod:`newsreader.cli.opml`). :func:`resolve_source` turns the global
``--source NAME`` (and, for ``read URL``, the URL's site) into the run's source; any command
that reads one source calls it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from newsreader.core.config import Config
from newsreader.core.errors import ConfigError, UsageError
from newsreader.core.i18n import Translator

if TYPE_CHECKING:
    from newsreader.core.sources import Source
    from newsreader.core.sources.registry import Registry, SourceEntry
    from newsreader.demo.sources import DemoSources


def add_source_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    tr: Translator,
) -> None:
    """Add ``sources``, ``add``, ``remove``, ``rename`` and ``opml`` to the command's parser.

    Args:
        sub: The main parser's sub-parsers.
        common: The global options parent (with ``SUPPRESS`` defaults).
        tr: The help's language.
    """

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=tr(f"cli.help.cmd.{name}"))

    p = command("sources")
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))

    p = command("add")
    p.add_argument("url", metavar="URL", help=tr("cli.help.add_url"))
    p.add_argument("--name", metavar="NAME", help=tr("cli.help.add_name"))
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))

    p = command("remove")
    p.add_argument("name", metavar="NAME", help=tr("cli.help.source_name"))

    p = command("rename")
    p.add_argument("name", metavar="NAME", help=tr("cli.help.source_name"))
    p.add_argument("new", metavar="NEW", help=tr("cli.help.new_name"))

    from newsreader.cli.opml import add_opml_parser

    add_opml_parser(sub, common, tr)


def open_registry(args: argparse.Namespace) -> Registry:
    """Read the sources file beside the run's configuration file (``--config`` or default).

    Raises:
        ConfigError: The configuration or the sources file is invalid.
    """
    from newsreader.core.settings import load_settings
    from newsreader.core.sources.registry import load_registry, sources_path

    config_path = getattr(args, "config", None)
    settings = load_settings(config_path)
    return load_registry(sources_path(config_path), settings.site_url)


def demo_registry(demo: DemoSources, config: Config) -> Registry:
    """Return the demo's list of sources: its own, never read from or written to the user's.

    Its path (in the demo's cache directory) is only a name: the demo's list is never saved.
    """
    from newsreader.core.sources.registry import SOURCES_NAME, Registry, make_entry

    entries = tuple(make_entry(e.name, e.url, e.kind) for e in demo.entries)
    return Registry(config.resolved_cache_dir() / "demo" / SOURCES_NAME, entries)


def run_registry(args: argparse.Namespace, config: Config, demo: DemoSources | None) -> Registry:
    """Return the run's list of sources: the demo's with ``--demo``, else the user's."""
    return demo_registry(demo, config) if demo is not None else open_registry(args)


def source_of(entry: SourceEntry) -> Source:
    """Return the source that reads ``entry``.

    Raises:
        UsageError: Its kind cannot be read by this version.
    """
    from newsreader.core.sources import source_for

    return source_for(entry.url, entry.kind)


def resolve_source(
    args: argparse.Namespace, config: Config, demo: DemoSources | None = None
) -> tuple[Config, Source | None]:
    """Return the run's configuration and source as ``--source NAME`` or ``read URL`` ask.

    With ``--demo`` (``demo`` given), the sources are the demo's.

    Without ``--source``, ``read URL`` of another site than the configured one reads it as
    the registered VSB source on the URL's site, if there is one (the one whose base path the
    URL is under); else nothing changes (``None``: the configured site's source).

    Raises:
        UsageError: No source has the name, ``--site`` is given too, or a URL named on the
            command line is not on the source.
        ConfigError: The sources file is invalid (with ``--source``).
    """
    name = getattr(args, "source", None)
    if name is None:
        if getattr(args, "command", None) == "read" and not args.site:
            return _source_of_read(args, config, demo)
        return config, None
    if args.site:
        raise UsageError(
            "--site and --source each name the source to read; give one of them",
            reason="site_and_source",
        )
    entry = run_registry(args, config, demo).named(name)
    source = source_of(entry)
    return replace(config, site_url=source.home_url), source


def check_on_source(
    args: argparse.Namespace, before: Config, after: Config, source: Source | None
) -> None:
    """Refuse URLs named on the command line that lead off the ``--source`` chosen.

    Args:
        args: The parsed arguments.
        before: The configuration before the URLs named were looked at.
        after: The configuration after (another site when they name one).
        source: The source ``--source`` chose, or ``None``.

    Raises:
        UsageError: With ``--source``, a URL named is on another site.
    """
    if source is None or getattr(args, "source", None) is None:
        return
    if after.site_url != before.site_url:
        raise UsageError(
            f"{after.site_url} is not on the source {args.source!r} ({source.home_url})",
            reason="off_source",
            facts={"url": after.site_url, "name": args.source, "home": source.home_url},
        )


def _source_of_read(
    args: argparse.Namespace, config: Config, demo: DemoSources | None
) -> tuple[Config, Source | None]:
    from newsreader.core.urls import same_site

    url = args.url.strip()
    if "://" not in url or same_site(url, config.site_url):
        return config, None  # the configured site: no need to read the sources file
    try:
        registry = run_registry(args, config, demo)
        entry = registry.for_url(url)
    except ConfigError as err:
        # The sources file is only a hint here: reading the page must not depend on it.
        tr = Translator(config.lang)
        _warn(tr("cli.sources_unreadable", problem=tr.error(err), url=url))
        return config, None
    site = entry if entry is not None and entry.kind == "vsb" else None
    # A feed's items link to any host: which feed an item came from is what the feeds' stored
    # lists say. The site's own copy wins when there is one (or online, when it can be had).
    feeds = [e for e in registry.entries if e.kind == "feed"]
    if feeds and (site is None or config.offline):
        from newsreader.core.library import item_owners

        owners = item_owners(config.cache_path(), url, [e.url for e in feeds])
        if owners.feed is not None and not (site is not None and owners.site_has):
            source = source_of(next(e for e in feeds if e.url == owners.feed))
            return replace(config, site_url=source.home_url), source
    if site is None:
        return config, None
    source = source_of(site)
    return replace(config, site_url=source.home_url), source


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run_sources_command(
    args: argparse.Namespace, config: Config, demo: DemoSources | None = None
) -> int:
    """Run ``sources``, ``add``, ``remove``, ``rename`` or ``opml``; return the exit status.

    With ``--demo`` (``demo`` given), the list is the demo's: it can be shown and exported,
    not changed.

    Raises:
        UsageError: With ``--demo``, a command that would change the list.
    """
    if demo is not None:
        changes = args.command in ("add", "remove", "rename")
        if changes or getattr(args, "opml_action", None) == "import":
            raise UsageError(
                "the demo's sources are its own and do not change; drop --demo for yours",
                reason="demo_fixed",
            )
    registry = run_registry(args, config, demo)
    tr = Translator(config.lang)
    if args.command == "sources":
        return _list(args, registry, tr)
    if args.command == "remove":
        entry = registry.named(args.name)
        registry.removed(args.name).save()
        print(tr("cli.source_removed", name=entry.name))
        return 0
    if args.command == "rename":
        entry = registry.named(args.name)
        renamed = registry.renamed(args.name, args.new)
        renamed.save()
        print(tr("cli.source_renamed", name=entry.name, new=renamed.named(args.new).name))
        return 0
    if args.command == "opml":
        from newsreader.cli.opml import run_opml

        return run_opml(args, registry, tr)
    import asyncio

    return asyncio.run(_add(args, config, registry, tr))


def _list(args: argparse.Namespace, registry: Registry, tr: Translator) -> int:
    if args.json:
        _print_json([entry.to_dict() for entry in registry.entries])
        return 0
    if not registry.entries:
        _warn(tr("cli.no_sources"))
        return 0
    from newsreader.core.cells import cell_len, pad

    width = max(cell_len(entry.name) for entry in registry.entries)
    for entry in registry.entries:
        print(f"{pad(entry.name, width)}  {entry.kind:<4}  {entry.url}")
    return 0


def _show(entry: SourceEntry, text: str, as_json: bool) -> None:
    """Print ``entry`` as JSON, or ``text`` (the entry said in the run's language)."""
    if as_json:
        _print_json(entry.to_dict())
    else:
        print(text)


def _said(tr: Translator, key: str, entry: SourceEntry) -> str:
    return tr(key, name=entry.name, kind=entry.kind, url=entry.url)


async def _add(args: argparse.Namespace, config: Config, registry: Registry, tr: Translator) -> int:
    """``newsreader add URL [--name NAME] [--json]``."""
    from newsreader.core.sources.adding import add_source

    added = await add_source(registry, args.url, args.name, config.fetch, offline=config.offline)
    if added.already:
        _show(added.entry, _said(tr, "cli.source_already", added.entry), args.json)
        return 0
    added.registry.save()
    _show(added.entry, _said(tr, "cli.source_added", added.entry), args.json)
    return 0
