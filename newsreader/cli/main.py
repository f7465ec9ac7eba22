"""The ``newsreader`` command: argument parsing, dispatch, exit statuses.

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

from newsreader import __version__
from newsreader.core.config import DEFAULT_SITE, Config, language_from_locale
from newsreader.core.errors import NewsreaderError, UsageError
from newsreader.core.urls import normalize_site_url, resolve_url, site_key, site_root

if TYPE_CHECKING:
    from newsreader.demo.sources import DemoSources

PROG = "newsreader"
DEBUG_ENV = "NEWSREADER_DEBUG"


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    """Global options, accepted before and after the command.

    Sub-parsers get ``SUPPRESS`` defaults so that an option given before the command is not
    overwritten by the sub-parser's default.
    """
    parent = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parent.add_argument(
        "--site",
        metavar="URL",
        type=_site,
        default=default(None),
        help=f"base URL of the VSB site (default {DEFAULT_SITE})",
    )
    parent.add_argument(
        "--source",
        metavar="NAME",
        default=default(None),
        help="read the source of that name (see `newsreader sources`) instead of the site",
    )
    parent.add_argument(
        "--cache-dir",
        metavar="DIR",
        type=_path,
        default=default(None),
        help="cache directory (default: $NEWSREADER_CACHE_DIR or the platform's)",
    )
    parent.add_argument(
        "--offline",
        action="store_true",
        default=default(False),
        help="never touch the network; use the cache only",
    )
    parent.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help="serve the built-in demo site on 127.0.0.1 and read it",
    )
    parent.add_argument(
        "--delay",
        metavar="SECONDS",
        type=_seconds,
        default=default(None),
        help="polite delay between requests to the site (default 0.2)",
    )
    parent.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=default(None),
        help="language of the app's own text (default: from the locale, else zh)",
    )
    parent.add_argument(
        "--config",
        metavar="FILE",
        type=_path,
        default=default(None),
        help="configuration file (default: $NEWSREADER_CONFIG or the platform's config.toml)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsreader`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A terminal news reader for Boda VSB news sites. "
        "Without a COMMAND, starts the interactive reader.",
        parents=[_common_options(True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(False)

    p = sub.add_parser("sections", parents=[common], help="show the site's section tree")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("list", parents=[common], help="list a section's articles")
    p.add_argument(
        "section",
        metavar="SECTION",
        help='section titles joined by "/" (e.g. 新闻资讯/新闻) or a list-page URL',
    )
    p.add_argument(
        "--pages", type=_positive, default=1, metavar="N", help="list pages to follow (default 1)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("read", parents=[common], help="read an article")
    p.add_argument(
        "url", metavar="URL", help="the article's URL (absolute, or relative to the site)"
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown")

    p = sub.add_parser(
        "sync", parents=[common], help="save sections and their articles for offline"
    )
    p.add_argument("sections", nargs="*", metavar="SECTION", help="sections to sync (default: all)")
    p.add_argument(
        "--pages",
        type=_positive,
        default=None,
        metavar="N",
        help="list pages per section (default: sync_pages of the config file, else 1)",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="ask again for every article on the pages, even those an interrupted sync "
        "already stored (by default a sync continues where an interrupted one stopped)",
    )

    p = sub.add_parser("search", parents=[common], help="search the cached articles")
    p.add_argument(
        "query",
        metavar="QUERY",
        help="words or any part of a text (a longer one is cut to 100 characters)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N hits")

    from newsreader.cli.library import add_library_parsers

    add_library_parsers(sub, common, _positive)
    from newsreader.cli.feed import add_feed_parser

    add_feed_parser(sub, common, _path)
    from newsreader.cli.sources import add_source_parsers

    add_source_parsers(sub, common)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text}")
    return value


def _site(text: str) -> str:
    try:
        return normalize_site_url(text)
    except UsageError as err:
        raise argparse.ArgumentTypeError(err.message) from None


def _path(text: str) -> Path:
    # Path("") is the current directory: an empty value (an unset variable in a script) must
    # not quietly put the cache there.
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 60:
        raise argparse.ArgumentTypeError(f"must be between 0 and 60: {text}")
    return value


def config_from_args(args: argparse.Namespace, site_url: str | None = None) -> Config:
    """Build the run's :class:`Config`: defaults, then the config file, then the options.

    Raises:
        ConfigError: The configuration file is invalid.
    """
    from newsreader.core.settings import load_settings

    settings = load_settings(getattr(args, "config", None))
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
        "list": lambda: [args.section],
        "feed": lambda: [args.section],
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
        f"{off} is not on the site {config.site_url}; name one site at a time (--site URL)"
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
    """Run the ``newsreader`` command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _demo_sources(args.demo, args.offline) as demo:
            config = config_from_args(args, demo.base_url if demo else None)
            if args.command in SOURCES_COMMANDS:
                from newsreader.cli.sources import run_sources_command

                return run_sources_command(args, config, demo)
            source = None
            if args.source is not None or args.command == "read":
                from newsreader.cli.sources import check_on_source, resolve_source

                chosen, source = resolve_source(args, config, demo)
                config = site_of_targets(args, chosen)
                check_on_source(args, chosen, config, source)
            else:
                config = site_of_targets(args, config)
            if args.demo and args.cache_dir is None:
                # The demo's articles never mix with the real site's.
                config = _with_cache_dir(config, config.resolved_cache_dir() / "demo")
            if args.command is None:
                return _run_tui(config)
            from newsreader.cli.commands import run_command

            return _run(lambda: run_command(args, config, source), args.command, config.offline)
    except UsageError as err:
        print(f"{PROG}: {err.one_line()}", file=sys.stderr)
        return 2
    except NewsreaderError as err:
        print(f"{PROG}: {err.one_line()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; everything saved so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `newsreader list … | head`: the reader went away, which is not our failure.
        sys.stderr.close()
        return 0
    except Exception as err:
        # The last line of defence: one line, no traceback, unless asked for one.
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"{PROG}: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1


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


def _with_cache_dir(config: Config, path: Path) -> Config:
    return replace(config, cache_dir=path)


def _run_tui(config: Config) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NewsreaderError(
            "the interactive reader needs a terminal; use a COMMAND (see newsreader --help)"
        )
    from newsreader.core.service import NewsService
    from newsreader.tui.app import create_app

    service = NewsService.open(config)
    app = create_app(config, service)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
