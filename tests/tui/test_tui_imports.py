"""The TUI's modules import each other without a cycle.

A cycle is how one object ends up split across files (a screen whose base class reaches into
widgets only the subclass composes). The graph counts every import a module runs: at its top and
inside functions. Imports under ``if TYPE_CHECKING:`` are left out: they only name types for the
checker and never run (``state.py`` naming the service, the widgets naming the reading state).
"""

from __future__ import annotations

import ast
from pathlib import Path

import newsreader.tui

TUI = Path(newsreader.tui.__file__).parent
PACKAGE = "newsreader.tui"


def module_name(path: Path) -> str:
    """The dotted name of a module file under the TUI package."""
    parts = path.relative_to(TUI).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def is_type_checking(node: ast.If) -> bool:
    """Whether ``node`` is ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def run_imports(tree: ast.AST) -> list[str]:
    """The modules imported by code that runs (everything but ``if TYPE_CHECKING:`` bodies)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            # ``from newsreader.tui import actions`` imports the module ``actions``.
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each TUI module and the TUI modules it imports."""
    files = {module_name(path): path for path in TUI.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        imported = run_imports(ast.parse(path.read_text(encoding="utf-8")))
        # A package's ``__init__`` is imported with its modules; it imports nothing here.
        graph[name] = {m for m in imported if m in files and m != PACKAGE and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a list of modules, or ``None`` when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := walk(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)) is not None:
            return cycle
    return None


def test_the_graph_sees_the_tui_imports() -> None:
    graph = import_graph()
    assert "newsreader.tui.widgets.reader" in graph["newsreader.tui.screens.main"]
    assert "newsreader.tui.actions" in graph["newsreader.tui.screens.main"]
    # Imported inside a function (the app shows the main screen on mount): counted.
    assert "newsreader.tui.screens.main" in graph["newsreader.tui.app"]


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_tui_modules_import_each_other_without_a_cycle() -> None:
    assert find_cycle(import_graph()) is None
