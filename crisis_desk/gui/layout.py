"""Small layout helpers the role screens share: titled boxes and weighted splitters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget


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
