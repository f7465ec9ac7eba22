"""``python -m newsreader.demo``: serve the demo site on 127.0.0.1 and print its URL.

With ``--sources``, serve the four sources of ``newsreader --demo`` instead (each on its own
port) and print the list.
"""

from __future__ import annotations

import argparse
import contextlib

from newsreader.demo.server import serve_forever

MAX_ARTICLES_PER_SECTION = 100_000


def _article_count(text: str) -> int:
    """An ``--articles-per-section`` value: the demo's list pages need two articles a column."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 2 <= value <= MAX_ARTICLES_PER_SECTION:
        raise argparse.ArgumentTypeError(f"must be 2 to {MAX_ARTICLES_PER_SECTION:,}, got {value}")
    return value


def main(argv: list[str] | None = None) -> None:
    """Parse the options and serve until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="python -m newsreader.demo", description="Serve the offline demo VSB site."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated content")
    parser.add_argument(
        "--articles-per-section",
        type=_article_count,
        default=6,
        metavar="N",
        help="articles of an ordinary column (default 6; 162 makes a site of 5,022)",
    )
    parser.add_argument(
        "--sources",
        action="store_true",
        help="serve the four demo sources (two VSB sites, an RSS and an Atom feed) on free ports",
    )
    parser.add_argument(
        "--no-validators",
        action="store_true",
        help="send no ETag or Last-Modified, and so never 304 Not Modified",
    )
    args = parser.parse_args(argv)
    if args.sources:
        serve_sources(seed=args.seed, articles_per_section=args.articles_per_section)
        return
    serve_forever(
        args.host,
        args.port,
        seed=args.seed,
        articles_per_section=args.articles_per_section,
        validators=not args.no_validators,
    )


def serve_sources(*, seed: int, articles_per_section: int) -> None:
    """Serve the demo's four sources until Ctrl+C, after printing them on stdout."""
    import threading

    from newsreader.demo.sources import DemoSources

    with DemoSources(seed=seed, articles_per_section=articles_per_section, ports=None) as demo:
        for source in demo.entries:
            print(f"{source.kind:<4}  {source.url}  {source.name}", flush=True)
        print("(Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
