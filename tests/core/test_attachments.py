"""Attachment file names (hostile and encoded) and atomic, non-overwriting downloads."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsreader.core.attachments import (
    MAX_NAME_BYTES,
    default_download_dir,
    download_attachment,
    filename_from_headers,
    safe_filename,
    write_new_file,
)
from newsreader.core.cache import Cache
from newsreader.core.config import Config
from newsreader.core.errors import OfflineError, SaveError
from newsreader.core.models import Attachment
from newsreader.core.service import NewsService
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite
from newsreader.demo.structure import ATTACH_OWNER

WINDOWS_BAD = set('<>:"|?*/\\')


def _assert_safe(name: str) -> None:
    assert name
    assert not (set(name) & WINDOWS_BAD)
    assert ".." not in name
    assert not name.startswith((".", " "))
    assert not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert all(ch.isprintable() for ch in name)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../x", "x"),
        ("/etc/passwd", "etc_passwd"),
        ("C:\\Windows\\x.exe", "Windows_x.exe"),
        ("C:x.exe", "x.exe"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\u200bb\u2066c.pdf", "abc.pdf"),
        ("\x1b[31mred\x07.pdf", "red.pdf"),
        ("CON.txt", "_CON.txt"),
        ("con", "_con"),
        ("LPT1.tar.gz", "_LPT1.tar.gz"),
        ("com9 .doc", "_com9.doc"),
        ('a<b>c:d"e|f?g*h.doc', "a_b_c_d_e_f_g_h.doc"),
        ("  name. . ", "name"),
        (".bashrc", "bashrc"),
        ("通知 (定稿).docx", "通知 (定稿).docx"),
    ],
)
def test_safe_filename_neutralises_hostile_names(raw: str, expected: str) -> None:
    name = safe_filename(raw, "fallback.bin")
    assert name == expected
    _assert_safe(name)


@pytest.mark.parametrize("raw", ["", "   ", "...", "/", "\\\\", "\u202e", ".."])
def test_safe_filename_falls_back_when_nothing_is_left(raw: str) -> None:
    assert safe_filename(raw, "附件.pdf") == "附件.pdf"
    assert safe_filename(raw, "") == "file"
    assert safe_filename(raw, "../") == "file"


def test_safe_filename_caps_long_names_and_keeps_the_extension() -> None:
    name = safe_filename("关于" * 150 + ".pdf", "x")
    assert name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith("关于关于")
    _assert_safe(name)


# --- Content-Disposition -------------------------------------------------------------------


def _cd(value: str) -> dict[str, str]:
    return {"Content-Disposition": value}


def test_filename_star_is_preferred_over_filename() -> None:
    value = "attachment; filename=\"plain.pdf\"; filename*=UTF-8''%E4%B8%AD%E6%96%87.pdf"
    assert filename_from_headers(_cd(value), "link") == "中文.pdf"
    reordered = "attachment; filename*=UTF-8''%E4%B8%AD%E6%96%87.pdf; filename=\"plain.pdf\""
    assert filename_from_headers(_cd(reordered), "link") == "中文.pdf"


def test_filename_star_in_gbk() -> None:
    assert filename_from_headers(_cd("attachment; filename*=GBK''%CD%A8%D6%AA.pdf"), "x") == (
        "通知.pdf"
    )


@pytest.mark.parametrize("name", ["通知.pdf", "关于举办2024年就业工作会议的通知.docx", "表.xls"])
def test_raw_gbk_bytes_in_filename(name: str) -> None:
    # httpx hands non-UTF-8 header bytes over as latin-1 code points …
    as_latin1 = name.encode("gbk").decode("latin-1")
    assert filename_from_headers(_cd(f'attachment; filename="{as_latin1}"'), "x") == name
    # … and through the real httpx.Headers class, from raw bytes.
    headers = httpx.Headers(
        [(b"content-disposition", b'attachment; filename="' + name.encode("gbk") + b'"')]
    )
    assert filename_from_headers(headers, "x") == name


def test_raw_utf8_bytes_in_filename() -> None:
    headers = httpx.Headers([(b"Content-Disposition", 'attachment; filename="中文.pdf"'.encode())])
    assert filename_from_headers(headers, "x") == "中文.pdf"


def test_percent_encoded_filename() -> None:
    assert filename_from_headers(_cd("attachment; filename=%E9%80%9A%E7%9F%A5.pdf"), "x") == (
        "通知.pdf"
    )
    assert filename_from_headers(_cd('attachment; filename="%CD%A8%D6%AA.pdf"'), "x") == "通知.pdf"


def test_rfc2047_filename() -> None:
    value = 'attachment; filename="=?UTF-8?B?6YCa55+lLnBkZg==?="'
    assert filename_from_headers(_cd(value), "x") == "通知.pdf"


def test_header_names_are_case_insensitive_and_link_text_is_the_fallback() -> None:
    assert filename_from_headers({"content-disposition": "inline; filename=a.pdf"}, "x") == "a.pdf"
    assert filename_from_headers({}, "附件1：报名表.docx") == "附件1：报名表.docx"
    assert filename_from_headers(_cd("attachment"), "link.pdf") == "link.pdf"
    assert filename_from_headers(_cd('attachment; filename=""'), "link.pdf") == "link.pdf"


def test_hostile_header_name_ends_up_safe() -> None:
    raw = filename_from_headers(_cd("attachment; filename*=UTF-8''..%2F..%2F.bashrc"), "x")
    name = safe_filename(raw, "x")
    assert name == "bashrc"


# --- writing and downloading -----------------------------------------------------------------


def test_write_new_file_never_overwrites(tmp_path: Path) -> None:
    first = write_new_file(tmp_path, "a.txt", b"one")
    second = write_new_file(tmp_path, "a.txt", b"two")
    third = write_new_file(tmp_path, "a.txt", b"three")
    assert [p.name for p in (first, second, third)] == ["a.txt", "a (1).txt", "a (2).txt"]
    assert first.read_bytes() == b"one" and third.read_bytes() == b"three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a (1).txt", "a (2).txt", "a.txt"]


def test_write_new_file_sanitises_and_stays_inside(tmp_path: Path) -> None:
    dest = tmp_path / "dl"
    path = write_new_file(dest, "../../escape.txt", b"x")
    assert path.parent == dest and path.name == "escape.txt"
    assert not (tmp_path / "escape.txt").exists()


def _attachment_url(server: DemoServer, fileid: int) -> str:
    return server.url(
        "system/_content/download.jsp?urltype=news.DownloadAttachUrl"
        f"&owner={ATTACH_OWNER}&wbfileid={fileid}"
    )


@pytest.fixture
async def service(demo_server: DemoServer) -> NewsService:
    config = Config(site_url=demo_server.base_url)
    svc = NewsService(config, Cache.memory())
    yield svc  # type: ignore[misc]
    await svc.aclose()


async def test_download_twice_gives_a_new_name(
    service: NewsService, demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    fileid = next(
        i
        for i, (n, _) in demo_site.attachments.items()
        if n.endswith(".pdf") and i != demo_site.gbk_attachment_id
    )
    link_text = demo_site.attachments[fileid][0]
    expected = link_text.split("：", 1)[-1]
    attachment = Attachment(name=link_text, url=_attachment_url(demo_server, fileid))
    first = await download_attachment(service, attachment, tmp_path)
    second = await download_attachment(service, attachment, tmp_path)
    stem = expected.removesuffix(".pdf")
    assert first.name == expected
    assert second.name == f"{stem} (1).pdf"
    assert first.read_bytes().startswith(b"%PDF") and first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])


async def test_download_decodes_the_gbk_name(
    service: NewsService, demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    fileid = demo_site.gbk_attachment_id
    link_text = demo_site.attachments[fileid][0]
    attachment = Attachment(name="附件", url=_attachment_url(demo_server, fileid))
    path = await download_attachment(service, attachment, tmp_path / "new")
    assert path.name == link_text.split("：", 1)[-1]
    assert path.parent == tmp_path / "new"


async def test_download_offline_raises(demo_server: DemoServer, tmp_path: Path) -> None:
    svc = NewsService(Config(site_url=demo_server.base_url, offline=True), Cache.memory())
    try:
        with pytest.raises(OfflineError):
            await download_attachment(
                svc, Attachment("a.pdf", _attachment_url(demo_server, 1)), tmp_path
            )
    finally:
        await svc.aclose()
    assert list(tmp_path.iterdir()) == []


def test_default_download_dir_is_lazy_and_configurable(tmp_path: Path) -> None:
    assert default_download_dir(Config(download_dir=tmp_path)) == tmp_path
    default = default_download_dir()
    assert default.name == "newsreader"


def test_write_new_file_skips_a_symlink_to_elsewhere(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / "a.txt").symlink_to(outside)
    path = write_new_file(dest, "a.txt", b"new")
    assert path == dest / "a (1).txt"
    assert outside.read_bytes() == b"keep"


def test_no_temp_file_is_left_when_no_name_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.core.attachments as mod

    (tmp_path / "x.txt").write_bytes(b"1")
    monkeypatch.setattr(mod, "unique_candidates", lambda name: [name])
    with pytest.raises(SaveError, match="no free file name"):
        write_new_file(tmp_path, "x.txt", b"2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]
