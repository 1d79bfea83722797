"""What the workflow's functions return: plain frozen records, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisis_desk.desk.states import DocumentState
from crisis_desk.domain.model import Incident, Organisation


@dataclass(frozen=True)
class Actor:
    """A signed-in person (or the command line's administrator)."""

    user_id: int | None
    name: str
    role: str


@dataclass(frozen=True)
class UserInfo:
    """A user account as lists show it (never the PIN hash)."""

    id: int
    name: str
    role: str
    active: bool
    locked_until: datetime | None
    created_at: datetime
    problem: str = ""  # why the account cannot be trusted (see desk.person_records), if not


@dataclass(frozen=True)
class Snapshot:
    """One saved version of an incident with the organisation profile it was saved with."""

    incident_id: int
    version: int
    latest_version: int
    organisation: Organisation
    incident: Incident
    organisation_version: int
    saved_at: datetime
    saved_by: str


@dataclass(frozen=True)
class IncidentSummary:
    """One line of the list of incidents."""

    id: int
    organisation_id: str
    kind: str
    title: str
    update: int
    version: int
    saved_at: datetime
    saved_by: str
    documents: dict[str, int]  # state -> how many documents are in it


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of an incident."""

    number: int
    update: int
    organisation_version: int
    sha256: str
    saved_at: datetime
    saved_by: str


@dataclass(frozen=True)
class DocumentInfo:
    """A document of an incident and where it stands in the workflow.

    ``state`` is that of the newest content; ``approved_*`` describe the approval
    still in force, which may be of an older version (it stays printable until
    its successor is approved). Both come from ``crisis_desk.desk.standing``.
    """

    id: int
    incident_id: int
    kind: str
    site: str | None
    languages: tuple[str, ...]
    number: str
    state: DocumentState
    version: int
    sha256: str | None  # None: the incident has errors that stop it being rendered
    submitted_sha256: str | None
    submitted_by: str | None
    submitted_at: datetime | None
    approved_version: int | None  # the incident version of the approval in force, if any
    approved_by: str | None
    approved_at: datetime | None
    comment: str  # the manager's comment when it was last sent back
    approval_problem: str = ""  # why the last approval no longer holds, if it does not

    @property
    def printable_approved(self) -> bool:
        """Whether an approved version can be printed (maybe older than the newest)."""
        return self.approved_version is not None


@dataclass(frozen=True)
class Autosave:
    """Typing kept by autosave that was never saved as a version."""

    incident: Incident
    base_version: int
    saved_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: datetime
    actor_name: str
    actor_role: str
    action: str
    incident_id: int | None
    document_id: int | None
    detail: str


@dataclass(frozen=True)
class ExportedIncident:
    """An incident and its organisation profile as files that ``import`` reads back."""

    incident_toml: str
    organisation_toml: str
    version: int
    incident_id: int = 0


@dataclass(frozen=True)
class SavedExport:
    """What an export wrote, and whether the audit log could note it.

    The files come first (the USB stick is what a failing desk needs); ``unrecorded``
    says why the audit entry could not be written (a read-only or full database),
    None when it was.
    """

    files: tuple[Path, ...]
    version: int
    unrecorded: str | None = None
