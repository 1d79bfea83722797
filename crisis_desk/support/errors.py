"""Errors a user can cause, reported as one clear message, never a traceback."""

from __future__ import annotations

from pathlib import Path


class CrisisDeskError(Exception):
    """Base of every error the application reports to a person."""


class InputError(CrisisDeskError):
    """A file the user gave cannot be used: names the file, line and field."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
        parts = [p for p in (where, self.field and f"field '{self.field}'") if p]
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class TemplateProblem(CrisisDeskError):
    """An organisation's template is broken or tried something the sandbox forbids."""


class OutputError(CrisisDeskError):
    """A document cannot be written where it was asked to go; nothing was replaced."""

    def __init__(self, message: str, *, path: Path | str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)


class LayoutFailed(CrisisDeskError):
    """A document cannot be laid out on its pages (a text too long for any page)."""
