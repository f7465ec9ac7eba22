"""Streaming ``Content-Encoding`` decoding with a cap on the decoded size.

httpx would happily inflate a 1 GiB gzip bomb into memory before we could look at its size, so the
fetcher reads the raw (still encoded) bytes and decodes them here, a bounded piece at a time:
``zlib`` with ``max_length`` and brotli with ``output_buffer_limit``. The decoded total is checked
after every piece, so a bomb costs at most the cap plus one piece of memory.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterable
from typing import Protocol

import brotli

from newsreader.core.errors import BodyTooLarge, ContentError

__all__ = ["BodyDecoder", "BodyReader", "raw_limit"]

# Decoded bytes produced per step: small enough that overshooting the cap costs little memory,
# large enough that a 10 MiB page needs only ~160 steps.
_PIECE = 64 * 1024


def raw_limit(max_bytes: int) -> int:
    """Return the cap on *encoded* bytes read for a decoded cap of ``max_bytes``.

    Compression never makes data much larger, so an encoded stream far above the decoded cap is
    oversize or hostile (e.g. an endless run of empty deflate blocks that decodes to nothing).
    """
    return max_bytes + max_bytes // 8 + _PIECE


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MiB"


class _Stage(Protocol):
    """One decoding step: takes encoded input, hands out bounded pieces of decoded output."""

    name: str

    def feed(self, data: bytes) -> None:
        """Queue ``data`` (only called once :meth:`read` has returned ``b""``)."""

    def read(self, limit: int) -> bytes:
        """Return up to about ``limit`` decoded bytes; ``b""`` when more input is needed."""

    def close(self) -> None:
        """Raise :class:`ContentError` when the input ended in the middle of the stream."""


class _Identity:
    name = "identity"

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def read(self, limit: int) -> bytes:
        out, self._buffer = self._buffer[:limit], self._buffer[limit:]
        return out

    def close(self) -> None:
        return None


class _Zlib:
    """gzip (``wbits`` 31, members may be concatenated) or deflate (zlib-wrapped or raw)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._tail = b""
        self._seen_input = False
        self._obj: zlib._Decompress | None = None
        if name == "gzip":
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> None:
        self._tail += data
        self._seen_input = self._seen_input or bool(data)

    def _start_deflate(self) -> bool:
        # "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; the
        # two-byte zlib header (CMF/FLG, a multiple of 31, method 8) tells them apart.
        if len(self._tail) < 2:
            return False
        cmf, flg = self._tail[0], self._tail[1]
        wrapped = cmf & 0x0F == 8 and (cmf * 256 + flg) % 31 == 0
        self._obj = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        return True

    def read(self, limit: int) -> bytes:
        if self._obj is None and not self._start_deflate():
            return b""
        assert self._obj is not None
        while self._tail:
            if self._obj.eof:
                # A gzip body may be several members back to back (RFC 1952 2.2); anything
                # else after the end of the stream (padding, junk) is dropped, as browsers do.
                if self.name != "gzip" or not self._tail.startswith(b"\x1f\x8b"):
                    self._tail = b""
                    return b""
                self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                out = self._obj.decompress(self._tail, limit)
            except zlib.error as exc:
                raise ContentError(
                    f"corrupt {self.name} body: {exc}",
                    reason="corrupt_encoding",
                    facts={"encoding": self.name},
                ) from exc
            # At the end of a stream the remaining input sits in unused_data instead.
            self._tail = self._obj.unused_data if self._obj.eof else self._obj.unconsumed_tail
            if out:
                return out
        return b""

    def close(self) -> None:
        if not self._seen_input:
            return None  # an empty body labelled gzip (seen on 204/HEAD-like answers)
        if self._obj is None or not self._obj.eof:
            raise ContentError(
                f"truncated {self.name} body: the compressed stream ends early",
                reason="truncated_encoding",
                facts={"encoding": self.name},
            )
        return None


class _Brotli:
    name = "br"

    def __init__(self) -> None:
        self._obj = brotli.Decompressor()
        self._tail = b""
        self._seen_input = False

    def feed(self, data: bytes) -> None:
        self._tail += data
        self._seen_input = self._seen_input or bool(data)

    def read(self, limit: int) -> bytes:
        try:
            # After hitting output_buffer_limit, brotli must be drained with empty input until
            # it can accept more; only then may the next input go in.
            if not self._obj.can_accept_more_data():
                out: bytes = self._obj.process(b"", output_buffer_limit=limit)
                return out
            if self._tail and not self._obj.is_finished():
                data, self._tail = self._tail, b""
                out = self._obj.process(data, output_buffer_limit=limit)
                return out
        except brotli.error as exc:
            raise ContentError(
                f"corrupt br body: {exc}", reason="corrupt_encoding", facts={"encoding": "br"}
            ) from exc
        self._tail = b""  # bytes after the end of the brotli stream: ignore them
        return b""

    def close(self) -> None:
        if self._seen_input and not self._obj.is_finished():
            raise ContentError(
                "truncated br body: the compressed stream ends early",
                reason="truncated_encoding",
                facts={"encoding": "br"},
            )


def _stage(token: str) -> _Stage:
    if token in ("gzip", "x-gzip"):
        return _Zlib("gzip")
    if token == "deflate":
        return _Zlib("deflate")
    if token == "br":
        return _Brotli()
    if token == "identity":
        return _Identity()
    raise ContentError(
        f"unknown content encoding: {token[:40]!r}",
        reason="unknown_encoding",
        facts={"encoding": repr(token[:40])},
    )


class BodyDecoder:
    """Decodes a body's ``Content-Encoding`` chain piece by piece, stopping at ``max_bytes``.

    Codings are listed in the order they were applied (``gzip, br`` = gzip first), so they are
    undone in reverse. Each stage hands out at most one piece per call, which bounds the memory
    a nested bomb (``gzip, gzip``) can take at every level of the chain.

    Args:
        content_encoding: The ``Content-Encoding`` header value, or ``None``.
        max_bytes: The cap on the decoded size.
        url: The URL, for error messages.

    Raises:
        ContentError: For an unknown coding.
    """

    def __init__(self, content_encoding: str | None, max_bytes: int, url: str = "") -> None:
        tokens = [t.strip().lower() for t in (content_encoding or "").split(",")]
        stages: list[_Stage] = [_Identity()]
        stages.extend(_stage(t) for t in reversed(tokens) if t and t != "identity")
        self._stages = stages
        self._max = max_bytes
        self._url = url
        self._total = 0

    @property
    def total(self) -> int:
        """Decoded bytes handed out so far."""
        return self._total

    def _pull(self, index: int, limit: int) -> bytes:
        """Return up to ``limit`` output bytes of stage ``index``; ``b""`` if input ran dry."""
        stage = self._stages[index]
        while True:
            out = stage.read(limit)
            if out or index == 0:
                return out
            upstream = self._pull(index - 1, _PIECE)
            if not upstream:
                return b""
            stage.feed(upstream)

    def feed(self, raw: bytes) -> list[bytes]:
        """Decode ``raw`` (the next encoded bytes) and return the decoded pieces.

        Raises:
            BodyTooLarge: When the decoded total passes the cap.
            ContentError: When the encoded data is corrupt.
        """
        self._stages[0].feed(raw)
        pieces: list[bytes] = []
        last = len(self._stages) - 1
        while True:
            # Ask for one byte more than the budget so that "exactly at the cap" is allowed.
            budget = self._max - self._total + 1
            out = self._pull(last, min(_PIECE, budget))
            if not out:
                return pieces
            self._total += len(out)
            if self._total > self._max:
                raise BodyTooLarge(
                    f"page larger than {_mib(self._max)} once decoded: {self._url}",
                    url=self._url,
                    reason="too_large",
                    facts={"mib": round(self._max / 2**20, 1)},
                )
            pieces.append(out)

    def finish(self) -> list[bytes]:
        """Flush the chain at the end of the input and check that no stream was cut short.

        Raises:
            ContentError: When a compressed stream is incomplete.
        """
        pieces = self.feed(b"")
        for stage in self._stages:
            stage.close()
        return pieces


class BodyReader:
    """Reads an encoded body from an async stream and returns it decoded, within a cap.

    Args:
        content_encoding: The ``Content-Encoding`` header value, or ``None``.
        max_bytes: The cap on the decoded size.
        url: The URL, for error messages.

    Attributes:
        received: Encoded bytes read so far (for "truncated after N bytes" messages).

    Raises:
        ContentError: For an unknown coding.
    """

    def __init__(self, content_encoding: str | None, max_bytes: int, url: str) -> None:
        self._decoder = BodyDecoder(content_encoding, max_bytes, url)
        self._max = max_bytes
        self._url = url
        self.received = 0

    async def read(self, chunks: AsyncIterable[bytes]) -> bytes:
        """Consume ``chunks`` (e.g. ``response.aiter_raw()``) and return the decoded body.

        Raises:
            BodyTooLarge: When the decoded (or the encoded) body passes its cap.
            ContentError: For a corrupt or truncated compressed stream.
        """
        limit = raw_limit(self._max)
        parts = bytearray()
        async for chunk in chunks:
            self.received += len(chunk)
            if self.received > limit:
                raise BodyTooLarge(
                    f"page larger than {_mib(self._max)}: {self._url}",
                    url=self._url,
                    reason="too_large",
                    facts={"mib": round(self._max / 2**20, 1)},
                )
            for piece in self._decoder.feed(chunk):
                parts += piece
        for piece in self._decoder.finish():
            parts += piece
        return bytes(parts)
