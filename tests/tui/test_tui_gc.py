"""The app freezes start-up's objects out of the collector's way, and hands them back on exit."""

from __future__ import annotations

import gc

import pytest
from tui_helpers import AppFactory, settle

pytestmark = pytest.mark.timeout(60)


async def test_start_up_objects_are_frozen_while_the_app_runs(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    assert gc.get_freeze_count() == 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Full collections then skip them: their pauses were the tail of opening an article.
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
