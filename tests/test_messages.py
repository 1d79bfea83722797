"""Every message a person reads goes through the catalogs: no English sentence is
written straight into a problem, an error, the command line's output or a screen.

Read from the source (the AST), so that a message added tomorrow as an f-string
is caught here rather than by a French user.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "crisis_desk"
# What builds a message a user reads, and where such messages are built.
MESSAGE_CALLS = {"Problem", "InputError", "UsageError", "InputProblems", "CrisisDeskError",
                 "OutputError", "TemplateProblem", "ArgumentTypeError", "StorageError",
                 "WorkflowError", "error", "print", "print_error"}
# And what puts words on a screen.
SCREEN_CALLS = {"setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setTitle",
                "setStatusTip", "showMessage", "addAction", "addMenu", "addTab", "addRow",
                "addItem", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QAction",
                "information", "warning", "critical", "question", "getItem", "getText"}
SOURCES = sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)
WORD = re.compile(r"[A-Za-z]{2,}")


def _is_phrase(text: str) -> bool:
    """Two words or more and a space: a sentence, where field names and keys are one word."""
    return len(WORD.findall(text)) >= 2 and any(c.isspace() for c in text)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal_words(node: ast.expr) -> str:
    """The words written literally in ``node`` (a string or an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values
                       if isinstance(part, ast.Constant) and isinstance(part.value, str))
    return ""


def untranslated(source: str, name: str = "<source>") -> list[str]:
    """'name:line: text' for every message built from a bare English literal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _callee(node) not in MESSAGE_CALLS | SCREEN_CALLS:
            continue
        for argument in node.args:
            text = _literal_words(argument)
            if _is_phrase(text):
                found.append(f"{name}:{node.lineno}: {text!r}")
    return found


def test_no_message_is_written_outside_the_catalogs():
    found = [line for path in SOURCES
             for line in untranslated(path.read_text(encoding="utf-8"),
                                      str(path.relative_to(PACKAGE)))]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("source", [
    'raise InputError(f"file {name} not found")',
    'problems.append(Problem(ERROR, "kind", "unknown kind"))',
    'print("Wrote the kit")',
    'raise cli.UsageError(f"--out: {folder} is not a folder")',
    'self.summary.setText(f"{errors} error(s), {warnings} warning(s)")',
    'QMessageBox.information(self, _("New incident"), "Import a profile first")',
])
def test_the_guard_sees_an_english_literal(source):
    assert untranslated(source)


@pytest.mark.parametrize("source", [
    'raise InputError(_("file not found"), path=path)',
    'print(_n("%(n)d error", "%(n)d errors", n) % {"n": n})',
    'print(f"{user.name}\\t{user.role}")',  # data only, no words of ours
    'problems.append(Problem(ERROR, f"status[{number}]", _("unknown")))',  # a field name
])
def test_the_guard_lets_translated_messages_and_data_through(source):
    assert untranslated(source) == []
