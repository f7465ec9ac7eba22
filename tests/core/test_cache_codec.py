"""The cache's blob compression: zstd for what we write, zlib still read from older caches."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest
import zstandard
from factories import article

from newsreader.core.cache import Cache
from newsreader.core.cache.codec import MAX_UNPACKED, DamagedBlob, pack_bytes, unpack_bytes
from newsreader.core.results import FetchedPage

URL = "https://s.cn/info/1/7.htm"


def test_round_trip_is_zstd() -> None:
    data = "高校毕业生就业协会 <html>".encode() * 500
    blob = pack_bytes(data)
    assert blob[:4] == b"\x28\xb5\x2f\xfd" and len(blob) < len(data) // 10
    assert unpack_bytes(blob) == data
    assert unpack_bytes(pack_bytes(b"")) == b""


def test_zlib_blobs_of_older_caches_are_read() -> None:
    data = "旧缓存".encode() * 100
    for level in (1, 5, 6, 9):
        assert unpack_bytes(zlib.compress(data, level)) == data


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"not compressed at all",
        zlib.compress(b"x" * 1000)[:-5],  # a truncated zlib stream
        pack_bytes(b"y" * 1000)[:-3],  # a truncated zstd frame
        b"\x28\xb5\x2f\xfd" + b"\x00" * 12,  # the magic number, then garbage
    ],
)
def test_damaged_blobs_raise_one_error(blob: bytes) -> None:
    with pytest.raises(DamagedBlob):
        unpack_bytes(blob)
    assert issubclass(DamagedBlob, ValueError)  # caught with JSON and UTF-8 errors


def test_a_frame_claiming_more_than_the_limit_is_refused_before_decompressing() -> None:
    # A frame header (single segment, 8-byte content size) and one empty last raw block.
    huge = b"\x28\xb5\x2f\xfd\xe0" + (MAX_UNPACKED + 1).to_bytes(8, "little") + b"\x01\x00\x00"
    assert zstandard.frame_content_size(huge) == MAX_UNPACKED + 1
    with pytest.raises(DamagedBlob, match="claims"):
        unpack_bytes(huge)


def test_a_cache_written_with_zlib_is_read_updated_and_searched(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    old = article(url=URL, title="旧文章", body="就业协会召开会议")
    cache = Cache.open(path)
    try:
        cache.put_article(old, 1.0, FetchedPage(url=URL, status=200, text="<html>旧</html>"))
    finally:
        cache.close()
    # Rewrite the blobs as a version before zstd stored them.
    conn = sqlite3.connect(path)
    with conn:
        model = json.dumps(old.to_dict(), ensure_ascii=False).encode()
        conn.execute("UPDATE articles SET model = ?", (zlib.compress(model, 6),))
        conn.execute("UPDATE pages SET text = ?", (zlib.compress("<html>旧</html>".encode(), 6),))
    conn.close()

    cache = Cache.open(path)
    try:
        stored = cache.get_article(URL)
        assert stored is not None and stored[0] == old
        page = cache.get_page(URL)
        assert page is not None and page.text == "<html>旧</html>"
        (hit,) = cache.search("协会")
        assert hit.title == "旧文章" and "协会" in hit.snippet
        # Updating the article deletes its old index tokens, recomputed from the zlib model.
        new = article(url=URL, title="新文章", body="学术研究")
        assert cache.put_article(new, 2.0) == "updated"
        assert cache.search("协会") == [] and [h.title for h in cache.search("研究")] == ["新文章"]
    finally:
        cache.close()


def test_threads_compress_at_once() -> None:
    # Sync prepares pages in threads when it has no worker processes; compressors are per thread.
    import threading

    data = [f"线程{n}".encode() * 3000 for n in range(6)]
    failures: list[int] = []

    def work(n: int) -> None:
        for _ in range(50):
            if unpack_bytes(pack_bytes(data[n])) != data[n]:
                failures.append(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
