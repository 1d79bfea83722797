"""Errors of the storage layer, reported to a person as one clear message."""

from __future__ import annotations

from crisis_desk.i18n import _
from crisis_desk.support.errors import CrisisDeskError
from crisis_desk.support.paths import DATA_DIR_VARIABLE, DataFolderError


class StorageError(CrisisDeskError):
    """The database cannot be opened, reached or used."""


class ConflictError(StorageError):
    """Someone else saved the same thing first: nothing was overwritten."""


class DataFolderUnusable(StorageError):
    """The data folder, where the embedded database lives, cannot be written.

    Not a fault of any input: the person must point ``CRISIS_DESK_DATA_DIR`` (or
    ``--db``) elsewhere, so the command line treats it as wrong usage (exit 2).
    """


def data_folder_unusable(exc: DataFolderError) -> DataFolderUnusable:
    """``exc`` worded for a person, in the interface language, with what to do."""
    if exc.reason == "not_a_folder":
        what = _("The data folder %(folder)s cannot be created: a file is in its place or "
                 "on its path.")
    elif exc.reason == "read_only":
        what = _("The data folder %(folder)s cannot be written (no permission, or a "
                 "read-only disk).")
    else:
        what = _("The data folder %(folder)s cannot be used (%(reason)s).")
    message = what % {"folder": exc.folder, "reason": exc.detail}
    if exc.from_environment:
        message += " " + _("It is set by %(variable)s: point it at a folder you can write "
                           "to, or give another database with --db.") % {
                               "variable": DATA_DIR_VARIABLE}
    else:
        message += " " + _("Set %(variable)s to a folder you can write to, or give another "
                           "database with --db.") % {"variable": DATA_DIR_VARIABLE}
    return DataFolderUnusable(message)
