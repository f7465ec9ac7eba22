"""The columns of a home page are looked for with bounded work, however the page is built."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsreader.core.parse import columns


def test_image_links_in_one_container_read_its_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each image link (a "more" link without text) looked for the heading beside it in the
    # text of its container: 2,000 of them in one <div> cleaned its whole text 2,000 times
    # (a 512 KiB page took 8.5 s).
    links = "".join(
        f'<a href="p{i}.htm"><img src="i{i}.png"></a><span>说明文字{i}</span>' for i in range(2000)
    )
    page = f"<html><body><div>{links}</div></body></html>"
    cleaned: list[int] = []
    clean_line = columns.clean_line

    def counting(text: str) -> str:
        cleaned.append(len(text))
        return clean_line(text)

    monkeypatch.setattr(columns, "clean_line", counting)
    found = columns.home_columns(LexborHTMLParser(page), "https://x.edu.cn/", set(), set())
    assert found == []
    assert sum(cleaned) <= 2 * len(page)
