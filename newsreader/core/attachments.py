"""Attachments: safe file names, ``Content-Disposition`` decoding, and atomic downloads.

A file name that came from a page or a header is untrusted: it may climb out of the download
directory (``../../x``, ``/etc/passwd``, ``C:\\Windows\\x.exe``), hide its real extension behind a
bidi override (``invoice\\u202efdp.exe``), name a Windows device (``CON.txt``), or be too long
for the file system. :func:`safe_filename` turns any of them into one harmless name.

Files are written to a temporary file in the destination directory first, flushed to disk, and
then linked under a name that did not exist: an existing file is never overwritten and a reader
never sees a half-written file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, unquote_to_bytes

from newsreader.core.atomic import fsync_dir, temp_copy
from newsreader.core.errors import SaveError, os_cause
from newsreader.core.sanitize import clean_line

if TYPE_CHECKING:
    from newsreader.core.config import Config
    from newsreader.core.models import Attachment
    from newsreader.core.service import NewsService

MAX_NAME_BYTES = 200
# Attachments (PDFs, scans) are often bigger than the HTML page cap; this is the floor of their cap.
ATTACHMENT_MAX_BYTES = 64 * 1024 * 1024
MAX_SUFFIX = 10_000  # "name (9999).pdf" is the last try: a bounded loop
FILE_MODE = 0o644

_WINDOWS_INVALID = re.compile(r'[<>:"|?*]')
_DOT_RUNS = re.compile(r"\.{2,}")
_DRIVE = re.compile(r"^[A-Za-z]:")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)
_EXTENSION = re.compile(r"\.[0-9A-Za-z]{1,16}$")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_GB_CHARSETS = frozenset(("gbk", "gb2312", "gb18030", "cp936", "x-gbk"))


# --- file names ------------------------------------------------------------------------------


def _strip_invisible(text: str) -> str:
    # clean_line covers the known bidi and zero-width characters; the Unicode categories catch the
    # rest (Cf "format" holds every bidi control, Cc the controls, Cs lone surrogates).
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))


def _split_extension(name: str) -> tuple[str, str]:
    match = _EXTENSION.search(name)
    if match is None or match.start() == 0:
        return name, ""
    return name[: match.start()], match.group(0)


def _truncate_utf8(text: str, limit: int) -> str:
    """Return the longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: max(limit, 0)].decode("utf-8", errors="ignore")


def _clean_component(name: str) -> str:
    name = _strip_invisible(clean_line(name))
    # Path separators: keep the readable parts, drop the ones that only navigate ("..", ".").
    parts = [p.strip() for p in re.split(r"[/\\]+", name)]
    parts = [p for p in parts if p.strip(". ")]
    if parts and _DRIVE.fullmatch(parts[0]):
        parts = parts[1:]
    name = "_".join(parts)
    name = _DRIVE.sub("", name)
    name = _WINDOWS_INVALID.sub("_", name)
    name = _DOT_RUNS.sub(".", name)
    return name.lstrip(". ").rstrip(". ")


def safe_filename(raw: str, fallback: str) -> str:
    """Return ``raw`` as a file name that is safe to create in any directory, on any system.

    The name is sanitized (:func:`~newsreader.core.sanitize.clean_line`, then controls, bidi and
    zero-width characters removed), stripped of path separators, ``..``, leading dots, drive
    letters and characters Windows forbids, kept off Windows device names (``CON.txt`` becomes
    ``_CON.txt``), and capped at 200 UTF-8 bytes with its extension kept.

    Args:
        raw: The untrusted name (from a header, a link text or a title).
        fallback: Used when nothing usable is left of ``raw``; sanitized the same way.

    Returns:
        A non-empty name without any directory part.
    """
    name = _clean_component(raw)
    stem, ext = _split_extension(name)
    if not stem.strip(". _"):
        if fallback and fallback != raw:
            return safe_filename(fallback, "")
        stem = "file"
    stem = _truncate_utf8(stem, MAX_NAME_BYTES - len(ext.encode("utf-8")))
    stem = stem.rstrip(". ") or "file"
    base = stem.split(".", 1)[0].rstrip(" ").upper()
    if base in _RESERVED:
        stem = "_" + stem
    return stem + ext


def unique_candidates(name: str) -> list[str]:
    """Return ``name``, ``name (1)``, ``name (2)`` … (extension kept), in the order tried."""
    stem, ext = _split_extension(name)
    return [name] + [f"{stem} ({n}){ext}" for n in range(1, MAX_SUFFIX)]


# --- Content-Disposition ------------------------------------------------------------------


def _params(value: str) -> dict[str, str]:
    """Split a ``Content-Disposition`` value into lower-cased parameter names and values."""
    out: dict[str, str] = {}
    for match in re.finditer(
        r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)', ";" + value.split(";", 1)[-1]
    ):
        key, val = match.group(1).lower(), match.group(2).strip()
        if val.startswith('"'):
            val = re.sub(r"\\(.)", r"\1", val[1:-1] if val.endswith('"') else val[1:])
        out.setdefault(key, val)
    return out


def _plausibility(text: str) -> float:
    """Share of ``text`` that is ASCII or CJK: what a Chinese site's file names are made of."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch.isascii() or _CJK.match(ch))
    return good / len(text)


def _decode_bytes(data: bytes) -> str:
    """Decode a name's raw bytes as UTF-8 or GB18030 (a superset of GBK/GB2312).

    Short GBK names are often valid UTF-8 too (``通知`` in GBK is ``֪ͨ`` in UTF-8), so the
    decoding whose result looks like Chinese text wins; UTF-8 on a tie.
    """
    candidates: list[str] = []
    for codec in ("utf-8", "gb18030"):
        try:
            candidates.append(data.decode(codec))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return data.decode("gb18030", errors="replace")
    return max(candidates, key=_plausibility)  # max keeps the first (UTF-8) on a tie


def _header_bytes(value: str) -> bytes:
    """Recover the bytes of a header value from the ``str`` httpx made of it.

    httpx decodes header values as ASCII, else UTF-8, else latin-1; latin-1 is undone by
    encoding as latin-1, UTF-8 by encoding as UTF-8.
    """
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="surrogateescape")


def _ext_value(value: str) -> str | None:
    """Decode an RFC 5987 ``charset'lang'pct-encoded`` value; ``None`` when malformed."""
    charset, sep, rest = value.partition("'")
    _lang, sep2, encoded = rest.partition("'")
    if not (sep and sep2):
        return None
    data = unquote_to_bytes(encoded.strip('"'))
    charset = charset.strip().lower()
    try:
        if charset in ("utf-8", "utf8", ""):
            return data.decode("utf-8")
        if charset in _GB_CHARSETS:
            return data.decode("gb18030")
        if charset in ("iso-8859-1", "latin-1", "latin1"):
            return data.decode("latin-1")
    except UnicodeDecodeError:
        return _decode_bytes(data)
    return None


def _plain_value(value: str) -> str:
    """Decode a plain ``filename=``: raw GBK/UTF-8 bytes, percent-encoding, or RFC 2047."""
    if value.startswith("=?") and value.endswith("?="):
        from email.header import decode_header, make_header

        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
            return str(make_header(decode_header(value)))
    if not value.isascii():
        # Raw bytes in the header (GBK from old servers): decide their encoding ourselves.
        value = _decode_bytes(_header_bytes(value))
    if _PERCENT.search(value):
        # Some servers percent-encode a plain filename= (IE-era practice), in UTF-8 or GBK.
        value = _decode_bytes(unquote_to_bytes(value)) if value.isascii() else unquote(value)
    return value


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is not None:
        return value
    for key, val in headers.items():
        if key.lower() == name:
            return val
    return None


def filename_from_headers(headers: Mapping[str, str], link_text: str) -> str:
    """Return the (unsanitized) file name a response names, else ``link_text``.

    ``filename*`` (RFC 6266/5987, UTF-8 or GBK) is preferred over ``filename``; a plain
    ``filename`` may be raw GBK/GB18030 or UTF-8 bytes, percent-encoded, or RFC 2047 encoded.

    Args:
        headers: The response headers (``httpx.Headers`` or any mapping; names matched
            case-insensitively).
        link_text: The attachment's link text, used when no header names the file.
    """
    disposition = _header(headers, "content-disposition")
    if disposition:
        params = _params(disposition)
        if "filename*" in params:
            name = _ext_value(params["filename*"])
            if name and name.strip():
                return name
        if params.get("filename", "").strip():
            return _plain_value(params["filename"])
    return link_text


def _with_extension(name: str, link_text: str, content_type: str | None) -> str:
    """Give an extension-less name the link text's extension, else one for its media type."""
    if _split_extension(name)[1]:
        return name
    ext = _split_extension(clean_line(link_text))[1]
    if not ext and content_type:
        import mimetypes

        ext = mimetypes.guess_extension(content_type.split(";")[0].strip().lower()) or ""
    return name + ext


# --- writing -----------------------------------------------------------------------------


def default_download_dir(config: Config | None = None) -> Path:
    """Return the download directory: the configured one, else ``Downloads/newsreader``.

    Computed on each call, never at import; the directory is created by the code that writes.
    """
    if config is not None and config.download_dir is not None:
        return config.download_dir
    import platformdirs

    return Path(platformdirs.user_downloads_dir()) / "newsreader"


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def _claim(tmp: Path, target: Path) -> bool:
    """Give ``tmp``'s content the name ``target`` iff ``target`` does not exist yet."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        return False
    except OSError:
        # No hard links here (FAT, some network shares): reserve the name with O_EXCL, then
        # swap the full content in with one atomic rename.
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        except FileExistsError:
            return False
        os.close(fd)
        os.replace(tmp, target)
    return True


def write_new_file(dest_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to a file named ``name`` (or ``name (1)`` …) that did not exist before.

    Args:
        dest_dir: The directory; created when missing.
        name: A name from :func:`safe_filename`.
        data: The whole content.

    Returns:
        The path written, always inside ``dest_dir``.

    Raises:
        SaveError: The directory cannot be written, the disk is full, or no free name is left.
    """
    safe = safe_filename(name, "file")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        tmp = temp_copy(dest_dir, data, prefix=".part-", suffix="")
        try:
            os.chmod(tmp, FILE_MODE)
            for candidate in unique_candidates(safe):
                target = dest_dir / candidate
                if os.path.lexists(target):
                    # Taken, possibly by a symlink pointing elsewhere: never written through.
                    continue
                if not _inside(target, dest_dir):
                    raise SaveError(
                        f"refusing to write outside {dest_dir}: {candidate!r}",
                        reason="outside",
                        facts={"path": str(dest_dir)},
                    )
                if _claim(tmp, target):
                    fsync_dir(dest_dir)
                    return target
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as err:
        reason = err.strerror or str(err)
        raise SaveError(
            f"cannot write {name!r} in {dest_dir}: {reason}",
            reason="cannot_save",
            facts={"path": str(dest_dir / name), "cause": os_cause(err)},
        ) from err
    raise SaveError(
        f"no free file name for {safe!r} in {dest_dir}",
        reason="no_free_name",
        facts={"name": safe, "path": str(dest_dir)},
    )


async def download_attachment(
    service: NewsService, attachment: Attachment, dest_dir: Path | None = None
) -> Path:
    """Download an attachment into ``dest_dir`` under the name its server gives it.

    Args:
        service: The service whose fetcher (caps, politeness, same-site redirects) is used.
        attachment: The attachment (its link text is the fallback name).
        dest_dir: Where to save; default :func:`default_download_dir` of the service's config.

    Returns:
        The new file's path (``name.pdf``, or ``name (1).pdf`` when that exists already).

    Raises:
        OfflineError: The service is offline.
        FetchError: The download failed.
        SaveError: The file cannot be written.
    """
    target_dir = dest_dir if dest_dir is not None else default_download_dir(service.config)
    cap = max(service.config.fetch.max_body, ATTACHMENT_MAX_BYTES)
    body, headers, _final = await service.fetch_bytes(attachment.url, max_bytes=cap)
    raw = filename_from_headers(headers, attachment.name)
    raw = _with_extension(raw, attachment.name, _header(headers, "content-type"))
    name = safe_filename(raw, safe_filename(attachment.name, "attachment"))
    path = write_new_file(target_dir, name, body)
    if not _inside(path, target_dir):  # write_new_file checked already; belt and braces
        raise SaveError(
            f"refusing a path outside {target_dir}: {path}",
            reason="outside",
            facts={"path": str(target_dir)},
        )
    return path
