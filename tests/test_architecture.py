"""The core never imports Qt: only crisis_desk/gui may."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "crisis_desk"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_pyside6_or_the_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for name in _imported_modules(path):
            if name.split(".")[0] in ("PySide6", "shiboken6") or name.startswith("crisis_desk.gui"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_rendering_every_kind_loads_no_qt(example_files, tmp_path):
    org, incident = example_files
    code = (
        "import sys\n"
        "from crisis_desk.cli.main import main\n"
        f"main(['kit', {str(incident)!r}, '--org', {str(org)!r}, '--out', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'crisis_desk.gui'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
