"""The core never imports Textual, and the offline read path stays lean."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE_MODULES = [
    "newsreader.core.service",
    "newsreader.core.sync",
    "newsreader.core.cache",
    "newsreader.core.parse",
    "newsreader.core.http.fetcher",
    "newsreader.cli.main",
    "newsreader.cli.commands",
    "newsreader.demo.server",
]


def _loaded_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert module in loaded
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)


def test_offline_read_path_imports_no_network_or_parser_libraries() -> None:
    loaded = _loaded_after(
        "import newsreader.cli.main, newsreader.cli.commands, newsreader.core.service"
    )
    for heavy in ("httpx", "selectolax", "rich", "textual"):
        assert heavy not in loaded, f"{heavy} is imported on the offline path"


def test_importing_the_package_creates_nothing(tmp_path: pytest.TempPathFactory) -> None:
    env_code = (
        "import os, pathlib\n"
        f"os.environ['HOME'] = r'{tmp_path}'\n"
        f"os.environ['XDG_CACHE_HOME'] = r'{tmp_path}/cache'\n"
        "import newsreader.core.service, newsreader.cli.main, newsreader.tui.app\n"
        f"print(sorted(str(p) for p in pathlib.Path(r'{tmp_path}').rglob('*')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", env_code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
