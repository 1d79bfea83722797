"""Where the application keeps its data: the user's data folder, unless told otherwise.

``CRISIS_DESK_DATA_DIR`` moves the whole folder (tests use it to stay out of the
real one); ``CRISIS_DESK_DB`` chooses another database altogether. Compiled
templates and catalogs go to the user's cache folder (``CRISIS_DESK_CACHE_DIR``).

A data folder that cannot be used (a file in its place, no permission, a read-only
disk) is a ``DataFolderError`` when something must be written there; reading
from it (an organisation's templates) simply finds nothing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from crisis_desk.support.errors import CrisisDeskError

APP_NAME = "crisis-desk"
DATA_DIR_VARIABLE = "CRISIS_DESK_DATA_DIR"


class DataFolderError(CrisisDeskError):
    """The data folder cannot be created or written.

    ``reason`` is ``"not_a_folder"`` (a file is in its place or on its path),
    ``"read_only"`` (no permission, or a read-only disk) or ``"unusable"`` (any other
    failure, ``detail`` says which); the layers above word it in the interface
    language.
    """

    def __init__(self, folder: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"the data folder {folder} cannot be used ({reason}"
                         + (f": {detail})" if detail else ")"))
        self.folder = folder
        self.reason = reason
        self.detail = detail
        self.from_environment = bool(os.environ.get(DATA_DIR_VARIABLE))


def data_folder() -> Path:
    """Where the data folder is (``CRISIS_DESK_DATA_DIR`` or the user's); not created."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The data folder, created on first use; ``DataFolderError`` if it cannot be written."""
    folder = data_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DataFolderError(folder, "not_a_folder") from None
    except OSError as exc:
        reason = "read_only" if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) \
            else "unusable"
        raise DataFolderError(folder, reason, exc.strerror or str(exc)) from None
    if not folder.is_dir():  # a link to a file, say
        raise DataFolderError(folder, "not_a_folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DataFolderError(folder, "read_only")
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
    """Where an organisation keeps templates that override the packaged ones.

    Only read: documents render even when the data folder cannot be written.
    """
    return data_folder() / "organisations" / org_id / "templates"
