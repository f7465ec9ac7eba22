"""The real TUI on a pty never writes a page's escape sequences to the terminal (issue case 2).

``python -m newsreader`` runs in a pseudo-terminal against a demo site whose newest 新闻 article
title, body and a nav title carry OSC 52 (clipboard write), OSC 8 (hyperlink), CSI (clear screen),
C1 controls as entities, a bidi override and zero-width characters. We open the section and the
article with the keys a user would press and read every byte the app writes: Textual's own escape
sequences are there, of course, but none of the page's payloads, while the title text is.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import command
from faults import RawServer, demo_site

from newsreader.demo.site import DemoSite

pytestmark = pytest.mark.timeout(60)

COLUMN = "xwzx/xw"
PAYLOAD = (
    "&#27;]52;c;SEVMTE8=&#7;"  # OSC 52: write "HELLO" to the clipboard
    "&#27;]8;;http://evil.test/&#27;\\"  # OSC 8: a hyperlink to evil.test
    "&#27;[2J"  # CSI: clear the screen
    "&#155;31m"  # C1 CSI as an entity (the HTML spec maps it to U+203A)
    "&#133;"  # C1 NEL as an entity (mapped to U+2026)
    "\u009b31m\u0085"  # the same C1 controls as raw characters
    "&#8238;\u202e"  # RIGHT-TO-LEFT OVERRIDE, entity and raw
    "&#8203;\u200b\u2060\ufeff"  # zero-width characters
)
TITLE = f"警示甲{PAYLOAD}乙丙丁"
# What must reach the screen: the sanitizer removed the sequences whole; the raw U+009B ate "3".
VISIBLE = "警示甲"
AFTER = "乙丙丁"
FORBIDDEN = (
    b"]52;c;",
    b"SEVMTE8=",
    b"evil.test",
    b"]8;;http",
    b"\xc2\x9b",  # U+009B encoded
    b"\xc2\x85",  # U+0085 encoded
    b"\xe2\x80\xae",  # U+202E encoded
    b"\xe2\x80\x8b",  # U+200B encoded
    b"\xe2\x81\xa0",  # U+2060 encoded
)
DOWN, RIGHT, ENTER = b"\x1b[B", b"\x1b[C", b"\r"


@pytest.fixture(scope="module")
def escape_site() -> Iterator[RawServer]:
    """The demo site with the newest 新闻 title, its body and the 新闻资讯 nav title hostile."""
    site = DemoSite()
    target = next(a for a in site.articles if a.column == COLUMN)
    swaps = {
        target.title: TITLE,
        ">新闻资讯<": f">新闻资讯{PAYLOAD}<",
        '<div class="v_news_content">': f'<div class="v_news_content"><p>正文开头{PAYLOAD}结束</p>',
    }
    with RawServer(demo_site(swaps)) as server:
        yield server


class PtyApp:
    """The app on a pty of 120x40 cells: keys go in, every byte written is kept."""

    def __init__(self, site: str, cache: Path) -> None:
        self.primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(
            command(site, cache),
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(secondary)
        self.data = bytearray()

    def read_for(self, seconds: float, until: bytes | None = None) -> bool:
        """Read for ``seconds`` (or until ``until`` was written); True when ``until`` was seen."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if until is not None and until in self.data:
                return True
            ready, _, _ = select.select([self.primary], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.primary, 65536)
                except OSError:  # EIO: the child closed its side
                    break
                if not chunk:
                    break
                self.data += chunk
            elif self.proc.poll() is not None:
                break
        return until is not None and until in self.data

    def keys(self, *keys: bytes) -> None:
        """Type ``keys``, reading the output between them."""
        for key in keys:
            os.write(self.primary, key)
            self.read_for(0.3)

    def close(self) -> None:
        """Kill the app if it still runs and close the pty."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.primary)


def test_real_app_on_a_pty_writes_no_page_escapes(escape_site: RawServer, tmp_path: Path) -> None:
    app = PtyApp(escape_site.url, tmp_path / "cache")
    try:
        # The sidebar gets the nav first; 新闻资讯 is the third top-level section.
        assert app.read_for(15, until="新闻资讯".encode()), bytes(app.data[-2000:])
        # The tree places its cursor on the first line after the frame that draws it: a key
        # read before that moves a cursor that is not there yet (the first DOWN shows line 0).
        # A person never types that fast; on a loaded machine this test could.
        app.read_for(1.0)
        app.keys(DOWN, DOWN, RIGHT, DOWN, ENTER)  # 新闻资讯 › 新闻: the list gets the focus
        assert app.read_for(10, until=VISIBLE.encode()), "the list never showed the title"
        app.keys(ENTER)  # open the newest article (the hostile one) in the reader
        assert app.read_for(10, until="正文开头".encode()), "the article never showed"
        app.read_for(1.0)
        app.keys(b"q")
        app.read_for(5)
        assert app.proc.wait(timeout=5) == 0
    finally:
        app.close()
    data = bytes(app.data)
    for bad in FORBIDDEN:
        assert bad not in data, f"{bad!r} reached the terminal"
    text = data.decode("utf-8", "replace")
    assert VISIBLE in text and AFTER in text
    assert "结束" in text
