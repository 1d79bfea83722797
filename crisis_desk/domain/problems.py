"""What the checker finds: problems, each an error or a warning, naming a field.

Here, at the bottom, so that the document checks (in the registry) and the
checker of the situation model report in the same terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from crisis_desk.i18n import _


class Severity(StrEnum):
    """Errors block approval (and the command line exits 1); warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing the checker found, naming the field and, where it matters, the language."""

    severity: Severity
    field: str
    message: str
    language: str | None = None
    fatal: bool = False  # documents cannot be rendered until it is fixed
    line: int | None = None

    def __str__(self) -> str:
        where = self.field + (f" [{self.language}]" if self.language else "")
        line = _(" (line %(line)d)") % {"line": self.line} if self.line else ""
        severity = _("error") if self.severity == Severity.ERROR else _("warning")
        return _("%(severity)s: %(where)s%(line)s: %(message)s") % {
            "severity": severity, "where": where, "line": line, "message": self.message}


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any problem blocks approval."""
    return any(p.severity == Severity.ERROR for p in problems)


def is_fatal(problems: Iterable[Problem]) -> bool:
    """Whether any problem makes the documents impossible to render."""
    return any(p.fatal for p in problems)
