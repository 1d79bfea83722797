"""Small layout helpers the role screens share: titled boxes, weighted splitters and
texts side by side, one column per language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from crisis_desk.i18n import LANGUAGES, _

Editor = TypeVar("Editor", bound=QWidget)


def titled(title: str, content: QWidget, parent: QWidget) -> QWidget:
    """``content`` under a bold title, taking the room left."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title, box)
    label.setStyleSheet("font-weight: bold;")
    layout.addWidget(label)
    layout.addWidget(content, 1)
    return box


def split(orientation: Qt.Orientation, parent: QWidget,
          *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter holding each (widget, stretch) part, sharing room by the stretches."""
    splitter = QSplitter(orientation, parent)
    for index, (widget, stretch) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    return splitter


def language_grid(parent: QWidget, codes: Iterable[str],
                  rows: Iterable[tuple[str, tuple[str, str]]],
                  editor_for: Callable[[str, str, QWidget], Editor],
                  ) -> tuple[QGridLayout, dict[tuple[str, str], Editor]]:
    """Texts side by side: a header of language names, then one row per
    (field, (label msgid, hint msgid)) with an editor per language. Returns the grid and
    the editors by (field, language), in reading order."""
    grid = QGridLayout()
    codes = [code for code in codes if code in LANGUAGES]
    for column, code in enumerate(codes, start=1):
        grid.addWidget(QLabel(f"<b>{LANGUAGES[code].native_name}</b>", parent), 0, column)
        grid.setColumnStretch(column, 1)
    editors: dict[tuple[str, str], Editor] = {}
    for row, (field_name, (label, hint)) in enumerate(rows, start=1):
        name = QLabel(_(label), parent)
        name.setToolTip(_(hint))
        name.setWordWrap(True)
        grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, code in enumerate(codes, start=1):
            editor = editor_for(field_name, code, parent)
            editor.setToolTip(_(hint))
            grid.addWidget(editor, row, column)
            editors[(field_name, code)] = editor
    return grid, editors
