"""By hand: ``kill -9`` a whole-site sync at random moments on a big demo site without validators.

Serves the demo site (``--articles-per-section 162``: 5,022 articles) on 127.0.0.1 without
``ETag`` or ``Last-Modified``, runs ``newsreader sync --pages N`` in a child process ``--kills``
times, each killed with SIGKILL after a random time (uniformly between ``--min`` and ``--max``
seconds) unless it completed first, then once to the end. After each run it prints the articles
stored, the article pages requested and how many of those had been stored before the run (0
while a sync window is continued: the run goes on where the last one stopped), and checks
``PRAGMA integrity_check``. The polite delay (``--delay``) sets the pace: with the default, a
whole sync lasts longer than twenty killed runs::

    python scripts/kill_sync.py --kills 20"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite


def stored(db_file: Path) -> set[str]:
    """The URLs of the stored articles."""
    if not db_file.exists():
        return set()
    with closing(sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)) as conn:
        conn.execute("PRAGMA busy_timeout = 5000")
        try:
            return {url for (url,) in conn.execute("SELECT url FROM articles")}
        except sqlite3.OperationalError:
            return set()  # killed before the schema was made


def integrity(db_file: Path) -> str:
    """The answer of ``PRAGMA integrity_check``."""
    if not db_file.exists():
        return "no file"
    with closing(sqlite3.connect(db_file)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def main() -> int:
    """Run the kills and the last sync; return 0 when every check held."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles-per-section", type=int, default=162)
    parser.add_argument("--pages", type=int, default=9, help="sync --pages (default 9)")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--min", type=float, default=1.0, help="earliest kill, seconds")
    parser.add_argument("--max", type=float, default=11.0, help="latest kill, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--delay", default="0.05", help="sync --delay, the polite delay (default 0.05 s)"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    site = DemoSite(articles_per_section=args.articles_per_section)
    ok = True
    with DemoServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        server.validators = False
        db_file = Path(tmp) / "cache.sqlite3"
        argv = [sys.executable, "-m", "newsreader", "--site", server.base_url]
        argv += ["--cache-dir", tmp, "--delay", args.delay, "sync", "--pages", str(args.pages)]
        print(f"site: {len(site.articles)} articles; {args.kills} kills", flush=True)
        completed_before = False
        for run in range(args.kills + 1):
            before = stored(db_file)
            start = len(server.requests)
            began = time.monotonic()
            errors = Path(tmp) / f"stderr-{run}.txt"
            with errors.open("wb") as err:
                proc = subprocess.Popen(
                    argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
                )
            last = run == args.kills
            if last:
                proc.wait(timeout=1800)
            else:
                try:
                    proc.wait(timeout=rng.uniform(args.min, args.max))
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait(timeout=30)
            took = time.monotonic() - began
            after = stored(db_file)
            asked = {
                server.url(r.lstrip("/")) for r in server.requests[start:] if r.startswith("/info/")
            }
            again = len(asked & before)
            check = integrity(db_file)
            status = "completed" if proc.returncode == 0 else f"exit {proc.returncode}"
            print(
                f"run {run + 1:2}: {status:>10} after {took:5.1f} s; stored {len(before):5} -> "
                f"{len(after):5}; article pages asked {len(asked):5}, of them stored before "
                f"{again}; integrity {check}",
                flush=True,
            )
            completed = proc.returncode == 0
            # A run after a completed one begins a new window: it asks again, as it should.
            ok &= check == "ok" and (again == 0 or completed_before)
            ok &= len(after) > len(before) or completed_before or last
            completed_before = completed
            if last:
                ok &= proc.returncode == 0 and len(after) == len(site.articles)
                if proc.returncode:
                    print(errors.read_text(errors="replace")[-2000:], file=sys.stderr)
    print("all checks held" if ok else "SOME CHECK FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
