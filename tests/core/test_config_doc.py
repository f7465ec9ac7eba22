"""docs/CONFIG.md says what the code does."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.config import Config, FetchSettings
from newsreader.core.ingest import MAX_WORKERS, POOL_MAX_DELAY, POOL_MIN_ARTICLES, pool_size

DOC = Path(__file__).resolve().parents[2] / "docs" / "CONFIG.md"


def _row(key: str) -> str:
    rows = DOC.read_text(encoding="utf-8").splitlines()
    return next(line for line in rows if line.startswith(f"| `{key}` |"))


def test_the_automatic_sync_worker_count_is_the_one_documented() -> None:
    row = _row("sync_workers")
    fast = Config(fetch=FetchSettings(polite_delay=0.0))
    # "as many as the CPUs newsreader may run on, at most 4, when there are 2 CPUs or more"
    assert "as many as the CPUs" in row and "one less" not in row
    assert [pool_size(fast, POOL_MIN_ARTICLES, cpus=n) for n in (1, 2, 3, 8)] == [0, 2, 3, 4]
    assert f"at most {MAX_WORKERS}," in row and MAX_WORKERS == 4
    assert "2 CPUs or more" in row
    # "the sync fetches 64 articles or more and the polite delay is under 5 ms"
    assert f"{POOL_MIN_ARTICLES} articles or more" in row
    assert pool_size(fast, POOL_MIN_ARTICLES - 1, cpus=8) == 0
    assert f"under {POOL_MAX_DELAY * 1000:g} ms" in row
    slow = Config(fetch=FetchSettings(polite_delay=POOL_MAX_DELAY))
    assert pool_size(slow, 10_000, cpus=8) == 0
    assert pool_size(Config(), 10_000, cpus=8) == 0 and "the default 0.2 s is not" in row
