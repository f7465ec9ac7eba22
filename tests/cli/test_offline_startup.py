"""`newsreader --offline read URL --json` runs without asyncio and the heavy libraries.

Start-up time is a product feature (docs/PERFORMANCE.md): the offline cache-only commands run
their coroutine without an event loop, so asyncio (15-30 ms of imports) is never loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_runner import argv
from factories import article

from newsreader.core.cache import Cache

URL = "https://s.cn/info/1/2.htm"


def test_offline_read_runs_without_asyncio(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    cache.put_article(article(url=URL, title="标题"), 1.0)
    cache.close()
    code = (
        "import json, sys\nfrom newsreader.cli.main import main\n"
        f"rc = main({argv('https://s.cn/', tmp_path, '--offline', 'read', URL, '--json')!r})\n"
        "print(json.dumps([rc, sorted(sys.modules)]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    last = out.stdout.strip().splitlines()[-1]
    rc, modules = json.loads(last)
    assert rc == 0
    assert '"title": "标题"' in out.stdout
    for heavy in ("asyncio", "textual", "httpx", "selectolax", "rich"):
        assert heavy not in modules, f"{heavy} is imported by an offline read"
