"""Charsets (issue case 11): exact titles through the CLI against a real server, whatever the labels say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run
from faults import ARTICLE_PATH, RawServer, article_page, raw_response, route

# 镕 is in GBK but not in GB2312; 𠀀 (U+20000) and 䶮 are 4-byte sequences in GB18030.
TITLE = "朱镕基谈就业𠀀䶮与€"
GBK_TITLE = "朱镕基谈毕业生就业服务"  # all in GBK (2-byte)


def page(title: str, encoding: str, meta: str | None) -> bytes:
    text = article_page(title).decode("utf-8").lstrip("\ufeff")
    text = text.replace('<meta charset="utf-8">', f'<meta charset="{meta}">' if meta else "")
    return text.encode(encoding, "xmlcharrefreplace")


CASES = {
    "utf8-bom-no-label": (b"\xef\xbb\xbf" + page(TITLE, "utf-8", None), "text/html", TITLE),
    "gb2312-label-gb18030-bytes": (
        page(TITLE, "gb18030", "gb2312"),
        "text/html; charset=gb2312",
        TITLE,
    ),
    "gb2312-meta-only": (page(TITLE, "gb18030", "gb2312"), "text/html", TITLE),
    "utf8-label-on-gbk": (page(GBK_TITLE, "gbk", "utf-8"), "text/html; charset=utf-8", GBK_TITLE),
    "bogus-label-utf8": (
        page(TITLE, "utf-8", "x-bogus-42"),
        "text/html; charset=x-bogus-42",
        TITLE,
    ),
    "bogus-label-gbk": (
        page(GBK_TITLE, "gbk", "x-bogus-42"),
        "text/html; charset=x-bogus-42",
        GBK_TITLE,
    ),
    "no-label-gbk": (page(GBK_TITLE, "gbk", None), "text/html", GBK_TITLE),
}


@pytest.mark.parametrize("case", list(CASES))
def test_title_decodes_exactly(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, content_type, title = CASES[case]
    handler = raw_response("200 OK", [("Content-Type", content_type)], body)
    with RawServer(route({ARTICLE_PATH: handler})) as server:
        code, out, err = run(
            capsys,
            server.url,
            tmp_path / "c",
            "read",
            server.url + ARTICLE_PATH.lstrip("/"),
            "--json",
        )
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == title
    assert "\ufffd" not in data["body"] and "\ufeff" not in data["title"]
