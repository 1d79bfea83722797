"""The refusals of the workflow, each with a translated message saying why."""

from __future__ import annotations

from datetime import datetime

from crisis_desk.checking import Problem
from crisis_desk.support.errors import CrisisDeskError


class WorkflowError(CrisisDeskError):
    """An action the workflow refuses; the message says why, in the interface language."""


class NotAllowed(WorkflowError):
    """The person's role does not allow the action."""


class NotFound(WorkflowError):
    """No such user, incident, version or document."""


class SignInFailed(WorkflowError):
    """Unknown name or wrong PIN."""


class LockedOut(SignInFailed):
    """Too many wrong PINs in a row: the account waits until ``until``."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class WrongState(WorkflowError):
    """The document is not at the step of the workflow the action needs."""


class CheckFailed(WorkflowError):
    """The checker found errors; ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class ContentChanged(WorkflowError):
    """What is stored is no longer what was submitted or reviewed (hash mismatch)."""


class InvalidValue(WorkflowError):
    """A name, PIN or comment that cannot be used."""
