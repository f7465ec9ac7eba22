"""The app freezes start-up's objects out of the collector's way, and hands them back on exit."""

from __future__ import annotations

import gc

import pytest
from tui_helpers import AppFactory, main_screen, open_news, settle

pytestmark = pytest.mark.timeout(60)


async def test_start_up_objects_are_frozen_while_the_app_runs(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    assert gc.get_freeze_count() == 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Full collections then skip them: their pauses were the tail of opening an article.
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_the_first_list_on_show_is_frozen_too_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        at_start = gc.get_freeze_count()
        assert at_start > 0
        await open_news(pilot)
        # The list's rows and caches live on: out of the collector's way too.
        with_list = gc.get_freeze_count()
        assert with_list > at_start
        main_screen(app).articles.reload()
        await settle(pilot)
        # Once: a later list freezes nothing more (frozen objects freed meanwhile leave it).
        assert gc.get_freeze_count() <= with_list
    assert gc.get_freeze_count() == 0


async def test_the_collector_waits_for_the_first_screen(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.tui.screens.main import MainScreen

    seen: list[bool] = []
    mount = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        seen.append(gc.isenabled())
        mount(screen)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(offline=True)
    assert gc.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Start-up built the screen without a collection (a full pass cost 20-40 ms), and
        # collecting resumed once it was on show.
        assert seen == [False]
        assert gc.isenabled()
    assert gc.isenabled()


async def test_a_collector_held_by_the_host_stays_held(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
