"""The ``newsreader`` command's arguments: the parser, its help and its usage errors in the run's
language, and the language of a run before its arguments are parsed."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from newsreader import __version__
from newsreader.core.cells import cell_len, pad
from newsreader.core.config import DEFAULT_SITE, language_from_locale
from newsreader.core.errors import UsageError
from newsreader.core.i18n import LANGUAGES, Translator
from newsreader.core.i18n.cli import ARGPARSE_ZH
from newsreader.core.urls import normalize_site_url

PROG = "newsreader"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help ends its headings as the language does (``选项：``).

    Argparse writes ``heading:`` with an ASCII colon and, before Python 3.13, without asking
    gettext; the heading's format is asked for here the way argparse asks for its other words,
    so :func:`argparse_language` gives the full-width colon of the Chinese help. Sub-parsers are
    built of the parser's class, so every command's help has it too.
    """

    def format_help(self) -> str:
        """Return the help, each section heading ending as the language's words do."""
        heading: str = getattr(argparse, "_")("%(heading)s:")  # noqa: B009 (not in the stubs)
        titles = {group.title for group in self._action_groups if group.title}
        lines = super().format_help().split("\n")
        for index, line in enumerate(lines):
            title = line.strip().removesuffix(":")
            if line.endswith(":") and title in titles:
                lines[index] = line[: len(line) - len(line.lstrip())] + heading % {"heading": title}
        return "\n".join(lines)


def _common_options(defaults: bool, tr: Translator) -> argparse.ArgumentParser:
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
        type=_site(tr),
        default=default(None),
        help=tr("cli.help.site", default=DEFAULT_SITE),
    )
    parent.add_argument(
        "--source", metavar="NAME", default=default(None), help=tr("cli.help.source")
    )
    parent.add_argument(
        "--cache-dir",
        metavar="DIR",
        type=_path(tr),
        default=default(None),
        help=_percent(tr("cli.help.cache_dir")),
    )
    parent.add_argument(
        "--offline", action="store_true", default=default(False), help=tr("cli.help.offline")
    )
    parent.add_argument(
        "--demo", action="store_true", default=default(False), help=tr("cli.help.demo")
    )
    parent.add_argument(
        "--delay",
        metavar="SECONDS",
        type=_seconds(tr),
        default=default(None),
        help=tr("cli.help.delay"),
    )
    parent.add_argument(
        "--lang", choices=LANGUAGES, default=default(None), help=tr("cli.help.lang")
    )
    parent.add_argument(
        "--config",
        metavar="FILE",
        type=_path(tr),
        default=default(None),
        help=_percent(tr("cli.help.config")),
    )
    parent.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default(False),
        help=tr("cli.help.verbose"),
    )
    return parent


def _percent(text: str) -> str:
    """Escape ``%`` for argparse, which formats help strings with it."""
    return text.replace("%", "%%")


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsreader`` command, its help in ``lang``.

    Argparse's own words (``usage:``, its error messages) follow ``lang`` only while
    :func:`argparse_language` is in effect (:func:`main` parses under it).
    """
    tr = Translator(lang)
    parser = _Parser(
        prog=PROG,
        description=tr("cli.help.description"),
        epilog=_examples(tr),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common_options(True, tr)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=tr("cli.help.version"),
    )
    # Its parsers are of the main parser's class (their help's headings too); the commands'
    # modules build them as the argument parsers they are.
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", title=tr("cli.help.commands")),
    )
    common = _common_options(False, tr)
    positive = _positive(tr)

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=tr(f"cli.help.cmd.{name}"))

    p = command("sections")
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))

    p = command("list")
    p.add_argument("section", metavar="SECTION", nargs="?", help=tr("cli.help.list_section"))
    p.add_argument("--pages", type=positive, default=1, metavar="N", help=tr("cli.help.pages"))
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))

    p = command("read")
    p.add_argument("url", metavar="URL", help=tr("cli.help.url"))
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    fmt.add_argument("--markdown", action="store_true", help=tr("cli.help.markdown"))

    p = command("sync")
    p.add_argument("sections", nargs="*", metavar="SECTION", help=tr("cli.help.sync_sections"))
    p.add_argument(
        "--pages", type=positive, default=None, metavar="N", help=tr("cli.help.sync_pages")
    )
    p.add_argument("--refresh", action="store_true", help=tr("cli.help.refresh"))

    p = command("search")
    p.add_argument("query", metavar="QUERY", help=tr("cli.help.query"))
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    p.add_argument("--limit", type=positive, default=50, metavar="N", help=tr("cli.help.limit"))

    from newsreader.cli.library import add_library_parsers

    add_library_parsers(sub, common, positive, tr)
    from newsreader.cli.feed import add_feed_parser

    add_feed_parser(sub, common, _path(tr), tr)
    from newsreader.cli.sources import add_source_parsers

    add_source_parsers(sub, common, tr)
    return parser


EXAMPLES = (
    ("newsreader", "tui"),
    ("newsreader --demo", "demo"),
    ("newsreader sections", "sections"),
    ("newsreader list 新闻资讯/新闻 --pages 2", "list"),
    ("newsreader read info/1023/2831.htm", "read"),
    ("newsreader sync 新闻资讯", "sync"),
    ("newsreader --offline search 校友", "search"),
    ("newsreader export 新闻资讯/新闻 -o out", "export"),
    ("newsreader cache --prune-days 90", "prune"),
    ("newsreader feed 新闻资讯/新闻 -o news.xml", "feed"),
    ("newsreader add https://www.example.edu.cn/", "add"),
)
"""``--help``'s examples: the command line and its description's key (``cli.help.example.*``)."""


def _examples(tr: Translator) -> str:
    """The epilog of ``--help``: the examples, aligned by terminal cells, and where to go next."""
    width = max(cell_len(line) for line, _ in EXAMPLES) + 2
    lines = [tr("cli.help.examples")]
    for line, key in EXAMPLES:
        lines.append(f"  {pad(line, width)}{tr(f'cli.help.example.{key}')}")
    return "\n".join([*lines, "", tr("cli.help.more")])


def _positive(tr: Translator) -> Callable[[str], int]:
    def positive(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(tr("cli.arg.not_number", text=repr(text))) from None
        if value < 1:
            raise argparse.ArgumentTypeError(tr("cli.arg.at_least_one", text=text))
        return value

    return positive


def _site(tr: Translator) -> Callable[[str], str]:
    def site(text: str) -> str:
        try:
            return normalize_site_url(text)
        except UsageError as err:
            raise argparse.ArgumentTypeError(tr.error_parts(err)[1]) from None

    return site


def _path(tr: Translator) -> Callable[[str], Path]:
    def path(text: str) -> Path:
        # Path("") is the current directory: an empty value (an unset variable in a script)
        # must not quietly put the cache there.
        if not text.strip():
            raise argparse.ArgumentTypeError(tr("cli.arg.empty_path"))
        return Path(text)

    return path


def _seconds(tr: Translator) -> Callable[[str], float]:
    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(tr("cli.arg.not_seconds", text=repr(text))) from None
        if not 0 <= value <= 60:
            raise argparse.ArgumentTypeError(tr("cli.arg.seconds_range", text=text))
        return value

    return seconds


def language_of(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """Return the language of a run before its arguments are parsed (for ``--help``).

    The last ``--lang zh|en`` (or ``--lang=…``) on the command line, else the locale's.
    """
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    if found is not None and found in LANGUAGES:
        return found
    return language_from_locale(environ)


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """Have argparse say its own words (``usage:``, its errors) in ``lang`` meanwhile.

    Argparse looks each of them up with ``gettext`` through its module's ``_``; swapping that
    function for the time of building and parsing is the one way in without copying argparse.
    """
    if lang != "zh":
        yield
        return
    original: Callable[[str], str] = getattr(argparse, "_")  # noqa: B009 (not in the stubs)

    def translated(message: str) -> str:
        return ARGPARSE_ZH.get(message) or original(message)

    setattr(argparse, "_", translated)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", original)  # noqa: B010
