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


class AlreadyImported(WorkflowError):
    """The file holds exactly an incident already stored with the same profile.

    Importing it again would make a second, identical incident that nobody can tell
    from the first; nothing is stored and the message names the one that exists.
    """

    def __init__(self, message: str, incident_id: int, version: int) -> None:
        super().__init__(message)
        self.incident_id = incident_id
        self.version = version


class ProfileDiffers(WorkflowError):
    """The organisation profile in the file is not the one stored under its id.

    Taking it silently would change what every incident of the organisation says
    at its next save; ``diff`` shows the difference and ``next_version`` the version
    it would become when the person chooses to replace the stored profile.
    """

    def __init__(self, message: str, organisation_id: str, stored_version: int,
                 diff: str) -> None:
        super().__init__(message)
        self.organisation_id = organisation_id
        self.stored_version = stored_version
        self.next_version = stored_version + 1
        self.diff = diff
