"""``python -m newsreader.demo``: serve the demo site on 127.0.0.1 and print its URL."""

from __future__ import annotations

import argparse

from newsreader.demo.server import serve_forever


def main(argv: list[str] | None = None) -> None:
    """Parse ``--host``, ``--port`` and ``--seed`` and serve until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="python -m newsreader.demo", description="Serve the offline demo VSB site."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated content")
    args = parser.parse_args(argv)
    serve_forever(args.host, args.port, seed=args.seed)


if __name__ == "__main__":
    main()
