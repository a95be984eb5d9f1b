"""House rules import-linter cannot say: no import cycles anywhere in the app, short modules.

import-linter's contracts (pyproject.toml) keep the parts' directions; these tests keep the
modules inside a part from leaning on each other in a circle, which is what makes a
module impossible to read or test on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import grimp


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for module in sorted(graph.modules):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(cycles)


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="a")
    graph.add_import(importer="b", imported="c")
    assert import_cycles(graph) == [["a", "b"]]


def test_no_module_of_the_app_imports_itself_in_a_circle() -> None:
    # type-checking imports count too: a cycle that only mypy sees still ties two modules together
    graph = grimp.build_graph("editor_app")
    assert import_cycles(graph) == []


MAX_MODULE_LINES = 400


def test_no_module_is_longer_than_the_house_limit() -> None:
    package = Path(__file__).resolve().parent.parent / "editor_app"
    long = {
        str(path.relative_to(package.parent)): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
