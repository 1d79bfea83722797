"""The desk's own preferences (interface language, last site, window layout).

Kept as a small JSON file in the data folder, beside the database, so a test's
private data folder keeps its preferences private too (QSettings would write to
the user's real configuration).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crisis_desk.support.atomic import write_text_atomically
from crisis_desk.support.paths import data_dir

FILENAME = "desk-settings.json"


class DeskSettings:
    """Read once, written on every change (atomically: a crash keeps the old file)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or data_dir()) / FILENAME
        self._values: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return values if isinstance(values, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        write_text_atomically(self.path, json.dumps(self._values, indent=2))
