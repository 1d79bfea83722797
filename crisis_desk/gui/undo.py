"""Undo and redo of the officer's edits: statuses in the grid, header, free texts.

Every edit is one ``Incident`` replacing another (``EditingState.update``), so
one command holds the incident before and after; undoing puts the old one back
through the same state, and every widget refreshes from it. Typing in one text
field makes one command per pause rather than one per key: consecutive edits
of the same field merge, so Ctrl+Z takes back the sentence, not the letter.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand

from crisis_desk.domain.model import Incident

# QUndoStack merges only commands sharing an id; the field itself is compared in mergeWith.
TYPING_COMMAND_ID = 1


class IncidentEdit(QUndoCommand):
    """One edit of the incident, from ``before`` to ``after``."""

    def __init__(self, apply: Callable[[Incident], None], before: Incident, after: Incident,
                 merge_key: Hashable | None = None) -> None:
        super().__init__()
        self.apply, self.before, self.after = apply, before, after
        self.merge_key = merge_key
        self._pushed = False  # the first redo comes from push(): the edit is already made

    def redo(self) -> None:
        if self._pushed:
            self.apply(self.after)
        self._pushed = True

    def undo(self) -> None:
        self.apply(self.before)

    def id(self) -> int:
        return TYPING_COMMAND_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, IncidentEdit) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True


class LeaveUndoToTheWindow(QObject):
    """Keeps Ctrl+Z and Ctrl+Shift+Z from a text field's own, per-field undo.

    A line edit would otherwise take the keys for itself and undo only its own
    letters, out of step with the grid and the other fields; left to the
    window, the keys undo the officer's last edit wherever it was made.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and is_undo_key(event):
            event.ignore()  # not overridden: the window's Undo and Redo actions fire
            return True
        return super().eventFilter(watched, event)


UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")
_FILTER: LeaveUndoToTheWindow | None = None


def is_undo_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, or the platform's own undo and redo keys."""
    if event.matches(QKeySequence.StandardKey.Undo) \
            or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(QKeySequence(key) == pressed for key in (*UNDO_KEYS, *REDO_KEYS))


def leave_undo_to_the_window(*widgets: QObject) -> None:
    """Let the window's Undo and Redo take the keys in these text widgets."""
    global _FILTER
    if _FILTER is None:
        _FILTER = LeaveUndoToTheWindow()
    for widget in widgets:
        widget.installEventFilter(_FILTER)
