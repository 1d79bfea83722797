"""The desk package's shape: small modules, no import cycles, states as stored."""

from __future__ import annotations

import ast
from pathlib import Path

from crisis_desk import desk
from crisis_desk.domain.roles import ROLES, Role
from crisis_desk.store.tables import DECISIONS, DOCUMENT_STATES

PACKAGE = Path(desk.__file__).parent
MAX_LINES = 700


def _desk_imports(path: Path) -> set[str]:
    """The sibling desk modules a module imports (``from crisis_desk.desk import x`` too)."""
    siblings = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "crisis_desk.desk":
            found |= {alias.name for alias in node.names if alias.name in siblings}
        elif isinstance(node, ast.ImportFrom) and node.module:
            name = node.module.removeprefix("crisis_desk.desk.")
            if name in siblings and node.module != name:
                found.add(name)
    return found


def test_no_desk_module_is_too_long():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines())
               for p in PACKAGE.glob("*.py")}
    assert lengths and all(n <= MAX_LINES for n in lengths.values()), lengths


def test_the_desk_modules_import_each_other_without_cycles():
    graph = {p.stem: _desk_imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name not in done:
            for imported in graph[name]:
                visit(imported, (*path, name))
            done.add(name)

    for name in graph:
        visit(name, ())
    assert graph["approval"] >= {"people", "tracking", "versioning"}  # the walk saw imports


def test_states_and_roles_are_the_values_the_database_accepts():
    assert tuple(desk.DocumentState) == DOCUMENT_STATES
    assert tuple(desk.Decision) == DECISIONS
    assert tuple(Role) == ROLES == ("comms", "manager", "reception")
    assert (desk.COMMS, desk.MANAGER, desk.RECEPTION) == ROLES
    assert all(type(role) is str for role in ROLES)  # printed with repr() in constraints


def test_every_public_name_is_exported():
    assert all(hasattr(desk, name) for name in desk.__all__)
    assert len(desk.__all__) == len(set(desk.__all__))
