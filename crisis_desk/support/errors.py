"""Errors a user can cause, reported as one clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

# This layer sits below the catalogs and cannot import them: crisis_desk.i18n connects
# its interface translation here when it loads, and until then phrases stay English.
_translation: list[Callable[[str], str]] = [lambda message: message]


def connect_translation(translate: Callable[[str], str]) -> None:
    """Translate this layer's phrases with ``translate`` (the interface's ``_``)."""
    _translation[0] = translate


def _(message: str) -> str:
    """An interface phrase of this layer, in the interface language."""
    return _translation[0](message)


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
        named = self.field and _("field '%(field)s'") % {"field": self.field}
        parts = [p for p in (where, named) if p]
        prefix = ", ".join(parts)
        if not prefix:
            return self.message
        return _("%(place)s: %(message)s") % {"place": prefix, "message": self.message}


class TemplateProblem(CrisisDeskError):
    """An organisation's template is broken or tried something the sandbox forbids."""


class OutputError(CrisisDeskError):
    """A document cannot be written where it was asked to go; nothing was replaced."""

    def __init__(self, message: str, *, path: Path | str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)


class LayoutFailed(CrisisDeskError):
    """A document cannot be laid out on its pages (a text too long for any page)."""
