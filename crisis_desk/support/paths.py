"""Where the application keeps its data: the user's data folder, unless told otherwise.

``CRISIS_DESK_DATA_DIR`` moves the whole folder (tests use it to stay out of the
real one); ``CRISIS_DESK_DB`` chooses another database altogether. Compiled
templates and catalogs go to the user's cache folder (``CRISIS_DESK_CACHE_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "crisis-desk"


def data_dir() -> Path:
    """The data folder, created on first use."""
    override = os.environ.get("CRISIS_DESK_DATA_DIR")
    folder = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_dir() -> Path | None:
    """A folder for compiled templates and catalogs; None when none can be written.

    ``CRISIS_DESK_CACHE_DIR`` moves it. Losing it costs only a few milliseconds.
    """
    override = os.environ.get("CRISIS_DESK_CACHE_DIR")
    folder = Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def default_database_url() -> str:
    """``CRISIS_DESK_DB`` if set, else the embedded SQLite file in the data folder."""
    return os.environ.get("CRISIS_DESK_DB") or f"sqlite:///{data_dir() / 'crisis-desk.sqlite3'}"


def organisation_templates_dir(org_id: str) -> Path:
    """Where an organisation keeps templates that override the packaged ones."""
    return data_dir() / "organisations" / org_id / "templates"
