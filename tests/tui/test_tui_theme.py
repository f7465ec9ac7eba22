"""The configured theme is the one the app shows; an unknown name is reported, not ignored."""

from __future__ import annotations

import pytest
from tui_helpers import AppFactory, settle

pytestmark = pytest.mark.timeout(60)


async def test_configured_theme_is_applied(make_app: AppFactory) -> None:
    app = make_app(offline=True, theme="nord")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert app.current_theme.name == "nord"


async def test_unknown_theme_keeps_the_default_and_says_so(make_app: AppFactory) -> None:
    app = make_app(offline=True, theme="no-such-theme")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        shown = [note.message for note in app._notifications]
        assert "没有名为 no-such-theme 的主题，使用 textual-dark" in shown
