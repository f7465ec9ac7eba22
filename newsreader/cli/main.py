"""The ``newsreader`` command: dispatch and exit statuses (its arguments are parser.py's).

Exit 0: done. Exit 1: a runtime failure, reported in one line on stderr. Exit 2: a usage error.
Only the TUI (no COMMAND) imports Textual; the headless commands stay lean.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.cli.parser import PROG, argparse_language, build_parser, language_of
from newsreader.core.config import DEFAULT_SITE, Config, language_from_locale
from newsreader.core.errors import NewsreaderError, UsageError
from newsreader.core.i18n import Translator
from newsreader.core.urls import normalize_site_url, resolve_url, site_key, site_root

__all__ = ["build_parser", "config_from_args", "main", "site_of_targets"]

if TYPE_CHECKING:
    from newsreader.core.sources.registry import Registry
    from newsreader.demo.sources import DemoSources

DEBUG_ENV = "NEWSREADER_DEBUG"


def config_from_args(
    args: argparse.Namespace, site_url: str | None = None, notes: list[str] | None = None
) -> Config:
    """Build the run's :class:`Config`: defaults, then the config file, then the options.

    Args:
        args: The parsed arguments.
        site_url: The site to read instead of the configured one (``--demo``'s).
        notes: Where to add the configuration file's notes (a key no longer used).

    Raises:
        ConfigError: The configuration file is invalid.
    """
    from newsreader.core.settings import load_settings

    settings = load_settings(getattr(args, "config", None))
    if notes is not None:
        notes.extend(settings.notes)
    config = settings.apply(Config())
    site = site_url or args.site or config.site_url or DEFAULT_SITE
    config = replace(
        config,
        site_url=normalize_site_url(site),
        cache_dir=args.cache_dir.expanduser() if args.cache_dir else None,
        offline=bool(args.offline),
        lang=args.lang or settings.lang or language_from_locale(os.environ),
    )
    if args.delay is not None:
        config = replace(config, fetch=replace(config.fetch, polite_delay=args.delay))
    return config


def _named_urls(args: argparse.Namespace) -> tuple[list[str], int]:
    """Return the URLs named on the command line and how many targets were named in all.

    ``read`` takes nothing but a URL (absolute or relative to the site); the other commands
    take section titles too, and a target is a URL when it has a scheme.
    """
    command = getattr(args, "command", None)
    if command == "read":
        return [args.url], 1
    specs = {
        "list": lambda: [args.section] if args.section is not None else [],
        "feed": lambda: [args.section] if args.section is not None else [],
        "export": lambda: [args.target],
        "sync": lambda: list(args.sections),
    }.get(command or "", list)()
    return [spec for spec in specs if "://" in spec], len(specs)


def site_of_targets(args: argparse.Namespace, config: Config) -> Config:
    """Check the URLs named on the command line; run on their site when it is another one.

    Naming an article or list page of another site asks for that site (``newsreader read
    https://other.edu.cn/info/1/2.htm``), so its host is the one contacted, robots.txt included;
    nothing else is ever fetched off the site (see :func:`newsreader.core.urls.same_site`).

    Raises:
        UsageError: A URL is empty or malformed, or the targets name more than one site, or
            another site beside section titles of the configured one.
    """
    named, count = _named_urls(args)
    urls = [resolve_url(text, config.site_url) for text in named]
    sites = {site_key(url) for url in urls}
    if not sites or sites == {site_key(config.site_url)}:
        return config
    if len(sites) == 1 and len(urls) == count:
        return replace(config, site_url=site_root(urls[0]))
    off = next(url for url in urls if site_key(url) != site_key(config.site_url))
    raise UsageError(
        f"{off} is not on the site {config.site_url}; name one site at a time (--site URL)",
        reason="one_site",
        facts={"url": off, "site": config.site_url},
    )


@contextmanager
def _demo_sources(enabled: bool, offline: bool) -> Iterator[DemoSources | None]:
    """Serve the demo's sources for the duration of the run when ``--demo`` is given.

    Offline, a fixed port that is taken serves nothing but keeps its URL: the run fetches
    nothing, and the cache keys what it stored by the fixed port's URLs.
    """
    if not enabled:
        yield None
        return
    from newsreader.demo import sources

    with sources.DemoSources(ports=sources.DEMO_PORTS, serve_taken=not offline) as demo:
        yield demo


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsreader`` command and return its exit status.

    Everything it prints is in the run's language: ``--lang``, else the configuration file's
    ``lang``, else the locale's (``--help`` and usage errors: ``--lang``, else the locale's).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = language_of(arguments, os.environ)
    with argparse_language(lang):
        args = build_parser(lang).parse_args(arguments)
    tr = Translator(lang)
    try:
        with _demo_sources(args.demo, args.offline) as demo:
            notes: list[str] = []
            config = config_from_args(args, demo.base_url if demo else None, notes)
            tr = Translator(config.lang)
            for note in notes:
                print(f"{PROG}: {tr.note(note)}", file=sys.stderr)
            if args.command in SOURCES_COMMANDS:
                from newsreader.cli.sources import run_sources_command

                return run_sources_command(args, config, demo)
            if args.demo and args.cache_dir is None:
                # The demo's articles never mix with the real site's.
                config = _with_cache_dir(config, config.resolved_cache_dir() / "demo")
            if args.command == "sync" and not (args.sections or args.source or args.site):
                # `sync` alone: every source of the list (the demo's with --demo).
                from newsreader.cli.sync_all import run_sync_all

                return _run(lambda: run_sync_all(args, config, demo), "sync", config.offline)
            source = None
            if args.source is not None or args.command == "read":
                from newsreader.cli.sources import check_on_source, resolve_source

                chosen, source = resolve_source(args, config, demo)
                if source is not None and source.kind == "feed" and args.command == "read":
                    # A feed's items are on any host: the feed itself says which are its own.
                    config = chosen
                else:
                    config = site_of_targets(args, chosen)
                    check_on_source(args, chosen, config, source)
            else:
                config = site_of_targets(args, config)
            if args.command is None:
                return _run_tui(config, args, demo)
            from newsreader.cli.commands import run_command

            registry = None if args.site else _registry_reader(args, config, demo)
            return _run(
                lambda: run_command(args, config, source, registry), args.command, config.offline
            )
    except NewsreaderError as err:
        _report(err, tr, verbose=args.verbose)
        return 2 if isinstance(err, UsageError) else 1
    except KeyboardInterrupt:
        print(f"{PROG}: {tr('cli.interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `newsreader list … | head`: the reader went away, which is not our failure.
        sys.stderr.close()
        return 0
    except Exception as err:
        # The last line of defence: one line, no traceback, unless asked for one.
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"{PROG}: {tr('cli.internal')}: {type(err).__name__}: {err}", file=sys.stderr)
        return 1


def _report(err: NewsreaderError, tr: Translator, *, verbose: bool) -> None:
    """Say ``err`` in one line in the run's language; with ``--verbose``, its detail too."""
    print(f"{PROG}: {tr.error(err)}", file=sys.stderr)
    if verbose:
        print(f"{PROG}: {tr('cli.detail', detail=err.one_line())}", file=sys.stderr)


# Commands over the list of sources (cli/sources.py): no cache, no site.
SOURCES_COMMANDS = frozenset(("sources", "add", "remove", "rename", "opml"))
# Commands that, offline, only read the cache: their coroutine never waits on anything.
_CACHE_ONLY = frozenset(("read", "search", "list", "sections"))


def _run(make: Callable[[], Coroutine[Any, Any, int]], name: str, offline: bool) -> int:
    """Run a command's coroutine; import asyncio (15-30 ms of start-up) only when it is needed.

    Offline, the cache-only commands never suspend, so one ``send`` runs them to the end. Should
    one ever suspend, it is closed and run again under asyncio (it has printed nothing yet: the
    commands print their result last).
    """
    if offline and name in _CACHE_ONLY:
        command = make()
        try:
            command.send(None)
        except StopIteration as done:
            return int(done.value)
        command.close()
    import asyncio

    return asyncio.run(make())


def _registry_reader(
    args: argparse.Namespace, config: Config, demo: DemoSources | None
) -> Callable[[], Registry]:
    """Return what reads the run's list of sources when a section error needs it (only then)."""

    def read() -> Registry:
        from newsreader.cli.sources import run_registry

        return run_registry(args, config, demo)

    return read


def _with_cache_dir(config: Config, path: Path) -> Config:
    return replace(config, cache_dir=path)


def _run_tui(config: Config, args: argparse.Namespace, demo: DemoSources | None) -> int:
    """Run the reader over the list of sources (the demo's with ``--demo``; ``--site``: one)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NewsreaderError(
            "the interactive reader needs a terminal; use a COMMAND (see newsreader --help)",
            reason="needs_terminal",
        )
    from newsreader.cli.sources import run_registry
    from newsreader.core.service import NewsService
    from newsreader.tui.app import create_app

    registry = None if args.site else run_registry(args, config, demo)
    service = NewsService.open(config)
    app = create_app(config, service, registry, fixed=demo is not None)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
