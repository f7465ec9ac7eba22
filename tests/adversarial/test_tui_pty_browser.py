"""A browser that runs in the terminal (w3m, lynx, a ``$BROWSER`` command) gets the terminal.

The real app on a pty: ``$BROWSER`` is a script that says it is ready, reads a line from the
terminal and records it. The app must lend it the terminal (suspended, as for an editor) and
take it back when it exits; otherwise the app reads the keys meant for the browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from faults import RawServer, demo_site
from test_tui_pty import DOWN, ENTER, RIGHT, PtyApp

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(sys.platform == "win32", reason="a pty and a shell script"),
]

READY = b"CONSOLE-BROWSER-READY"


def test_a_browser_in_the_terminal_gets_the_keys_and_the_app_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "asked.txt"
    browser = tmp_path / "console-browser"
    browser.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$1\" > '{record}'\n"
        f"printf '{READY.decode()}'\n"
        "read answer\n"
        f"printf '%s\\n' \"$answer\" >> '{record}'\n"
    )
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    with RawServer(demo_site()) as site:
        app = PtyApp(site.url, tmp_path / "cache")
        try:
            assert app.read_for(15, until="新闻资讯".encode()), bytes(app.data[-2000:])
            app.read_for(1.0)  # the tree's cursor comes with the frame after the nav
            app.keys(DOWN, DOWN, RIGHT, DOWN, ENTER)  # 新闻资讯 › 新闻: the list has the focus
            app.read_for(2.0)
            app.keys(b"o")
            app.read_for(2.0)  # the confirmation showing the URL
            app.keys(b"y")
            assert app.read_for(10, until=READY), bytes(app.data[-2000:])
            app.keys(b"hello\r")  # typed into the browser, not into the app
            app.read_for(2.0)
            app.keys(b"q")  # the app is back and answers its keys
            app.read_for(5)
            assert app.proc.wait(timeout=5) == 0
        finally:
            app.close()
    asked = record.read_text().splitlines()
    assert len(asked) == 2 and asked[0].startswith(site.url), asked
    assert asked[1] == "hello"
