"""Every setting in Config is used: some code outside the settings modules reads it.

A field that is only parsed, validated and documented (as ``theme`` once was: accepted, never
applied) looks like a feature and does nothing. The package's syntax trees are scanned for reads
of ``<config or settings>.<field>``: the object read from must be named as one (``config``,
``service.config``, ``self._settings``, ``config.fetch``), so that another object's attribute of
the same name (the Textual app's own ``self.theme``) does not count. Reads in settings.py (the
file parser and its checks) do not count, nor do those in config.py except in Config's own
methods (``cache_path()`` reads ``cache_dir`` for everyone who calls it).
"""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest

import newsreader
from newsreader.core.config import Config, FetchSettings

PACKAGE = Path(newsreader.__file__).parent
CONFIG_MODULE = PACKAGE / "core" / "config.py"
SETTINGS_MODULE = PACKAGE / "core" / "settings.py"


def _names_settings(node: ast.expr) -> bool:
    """Whether ``node`` (what an attribute is read from) is named as the config or settings."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return False
    name = name.lstrip("_").lower()
    return name in {"config", "settings", "fetch"} or name.endswith(("_config", "_settings"))


def settings_read(tree: ast.AST) -> set[str]:
    """The attributes ``tree`` reads from a config or settings object (loaded, not assigned)."""
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Load)
        and _names_settings(node.value)
    }


def own_reads(tree: ast.Module, class_name: str) -> set[str]:
    """The attributes that methods of ``class_name`` read from ``self``."""
    return {
        node.attr
        for cls in tree.body
        if isinstance(cls, ast.ClassDef) and cls.name == class_name
        for node in ast.walk(cls)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Load)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }


def package_reads() -> set[str]:
    """Every config or settings attribute the package reads where it counts as use."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        if path == CONFIG_MODULE:
            names |= own_reads(tree, "Config")
        elif path != SETTINGS_MODULE:
            names |= settings_read(tree)
    return names


READ = package_reads()


@pytest.mark.parametrize(
    "name",
    [f"Config.{f.name}" for f in fields(Config)]
    + [f"FetchSettings.{f.name}" for f in fields(FetchSettings)],
)
def test_the_field_is_read_outside_the_settings_modules(name: str) -> None:
    field_name = name.split(".", 1)[1]
    assert field_name in READ, f"{name} is parsed and checked but nothing reads it"


def test_the_scan_counts_reads_from_settings_only() -> None:
    source = (
        "config.lang\n"
        "config.theme = 'x'\n"
        "del config.offline\n"
        "print(service.config.fetch.retries, self._settings.deadline)\n"
        "self.sync_pages, app.per_host\n"
    )
    assert settings_read(ast.parse(source)) == {"lang", "fetch", "retries", "deadline"}


def test_config_methods_count_only_for_config() -> None:
    tree = ast.parse(
        "class Config:\n    def path(self): return self.cache_dir\n"
        "class Other:\n    def f(self): return self.theme\n"
    )
    assert own_reads(tree, "Config") == {"cache_dir"}
