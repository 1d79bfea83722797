"""Errors of the storage layer, reported to a person as one clear message."""

from __future__ import annotations

from crisis_desk.support.errors import CrisisDeskError


class StorageError(CrisisDeskError):
    """The database cannot be opened, reached or used."""


class ConflictError(StorageError):
    """Someone else saved the same thing first: nothing was overwritten."""
