"""The approval workflow: who may do what with an incident and its documents.

This is the one place the rules live, whatever the interface (desktop app or
command line): a communication officer edits and submits, a manager approves
with their PIN or sends back with a comment, a receptionist prints. Every
function checks the role of the person acting against the database and raises
a ``WorkflowError`` with a translated message when the action is not allowed.

Draft -> submitted -> approved (or sent back to draft). An approval is bound to
the SHA-256 of exactly what was approved in every language (see
``crisis_desk.desk.content``); any later saved change returns the documents
to draft. Every saved update is kept as a version; unsaved typing is kept by
``autosave``; every action is written to the append-only audit log.

Typical use::

    store = open_store()                         # crisis_desk.store.database
    officer = sign_in(store, "Lea", "4821")
    snapshot = import_incident(store, officer, org, incident)
    snapshot = save_incident(store, officer, snapshot.incident_id, edited, snapshot.version)
    submit(store, officer, snapshot.incident_id, snapshot.version)
    manager = sign_in(store, "Marc", "9034")
    for doc in awaiting_approval(store):
        approve(store, manager, "9034", doc.id, doc.submitted_sha256)
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.checking import Problem, check, has_errors, is_fatal
from crisis_desk.desk import content
from crisis_desk.desk.pins import hash_pin, verify_pin
from crisis_desk.documents import kind, plan
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.domain.roles import ROLES
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import N_, _, format_time, interface_language
from crisis_desk.rendering.request import ApprovalMark, RenderRequest
from crisis_desk.store.database import Store
from crisis_desk.store.errors import ConflictError, StorageError
from crisis_desk.store.tables import (
    ApprovalRow,
    AuditRow,
    AutosaveRow,
    DocumentRow,
    IncidentRow,
    IncidentVersionRow,
    OrganisationRow,
    OrganisationVersionRow,
    UserRow,
)
from crisis_desk.support.atomic import write_atomically
from crisis_desk.support.errors import CrisisDeskError

__all__ = [
    "ADMINISTRATOR", "COMMS", "MANAGER", "RECEPTION", "Actor", "AuditEntry", "Autosave",
    "CheckFailed", "ConflictError", "ContentChanged", "DocumentInfo", "ExportedIncident",
    "IncidentSummary", "InvalidValue", "LockedOut", "NotAllowed", "NotFound", "SignInFailed",
    "Snapshot", "StorageError", "UserInfo", "VersionInfo", "WorkflowError", "WrongState",
    "add_user", "administrator", "approval_mark", "approve", "approve_many", "audit_log",
    "autosave", "awaiting_approval", "changes_since_approval", "create_incident",
    "discard_autosave",
    "document", "document_diff", "document_texts", "documents", "export_incident",
    "export_kit", "import_incident", "incident_diff", "incidents", "load_incident",
    "needs_first_manager", "organisation", "print_document", "record_print", "recover_autosave",
    "render_document", "render_request", "save_incident", "save_organisation", "send_back",
    "sign_in", "submit", "users", "versions",
]

COMMS, MANAGER, RECEPTION = ROLES
ADMINISTRATOR = "administrator"  # the command line: whoever may open the database file
ROLE_NAMES = {COMMS: N_("communication officer"), MANAGER: N_("manager"),
              RECEPTION: N_("receptionist"), ADMINISTRATOR: N_("administrator")}
MAX_WRONG_PINS = 5
LOCK_OUT = timedelta(minutes=5)
MIN_PIN_LENGTH, MAX_PIN_LENGTH = 4, 128
MAX_NAME_LENGTH, MAX_COMMENT_LENGTH = 100, 4000


# -- errors -------------------------------------------------------------------------------

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


# -- what the functions return ------------------------------------------------------------

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
    """A document of an incident and where it stands in the workflow."""

    id: int
    incident_id: int
    kind: str
    site: str | None
    languages: tuple[str, ...]
    number: str
    state: str  # draft | submitted | approved
    version: int
    sha256: str | None  # None: the incident has errors that stop it being rendered
    submitted_sha256: str | None
    submitted_by: str | None
    submitted_at: datetime | None
    approved_version: int | None
    approved_by: str | None
    approved_at: datetime | None
    comment: str  # the manager's comment when it was last sent back


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


# -- people -------------------------------------------------------------------------------

def administrator(name: str | None = None) -> Actor:
    """The command line acting for whoever runs it on this machine (audit: their login)."""
    try:
        login = name or getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(None, f"{login} (command line)", ADMINISTRATOR)


def needs_first_manager(store: Store) -> bool:
    """True while the database has no user at all (the app asks for a first manager)."""
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(UserRow)) == 0


def add_user(store: Store, by: Actor | None, name: str, role: str, pin: str) -> UserInfo:
    """Create an account. ``by`` is a manager or the administrator; None only for the first."""
    name = _valid_name(name)
    if role not in ROLES:
        raise InvalidValue(_("Unknown role '%(role)s': use comms, manager or reception.")
                           % {"role": role})
    _valid_pin(pin)
    pin_hash = hash_pin(pin)
    with store.writing() as session:
        if by is None:
            if session.scalar(select(func.count()).select_from(UserRow)):
                raise NotAllowed(_("Only a manager can add users."))
            if role != MANAGER:
                raise NotAllowed(_("The first account must be a manager's."))
        else:
            by = _authorise(session, by, (MANAGER, ADMINISTRATOR),
                            _("Only a manager can add users."))
        if _user_named(session, name) is not None:
            raise InvalidValue(_("There is already a user called %(name)s.") % {"name": name})
        user = UserRow(name=name, role=role, pin_hash=pin_hash, failed_pins=0, active=True,
                       created_at=store.now())
        session.add(user)
        session.flush()
        who = by or Actor(user.id, name, role)
        _audit(session, store, who, "user_add", detail=f"{name} ({role})")
        return _user_info(user)


def users(store: Store) -> list[UserInfo]:
    """Every account, by name."""
    with store.reading() as session:
        rows = session.scalars(select(UserRow).order_by(func.lower(UserRow.name)))
        return [_user_info(row) for row in rows]


def sign_in(store: Store, name: str, pin: str) -> Actor:
    """Check a person's PIN; five wrong ones in a row lock the account for a few minutes."""
    with store.reading() as session:
        user = _user_named(session, name.strip())
        if user is None or not user.active:
            raise SignInFailed(_("No user is called %(name)s.") % {"name": name.strip()})
        user_id = user.id
    actor = _verify_pin(store, user_id, pin)
    with store.writing() as session:
        _audit(session, store, actor, "sign_in")
    return actor


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidValue(_("A user needs a name."))
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise InvalidValue(_("A user's name must be printable text of at most %(count)d "
                             "characters.") % {"count": MAX_NAME_LENGTH})
    return name


def _valid_pin(pin: str) -> None:
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH or not pin.strip():
        raise InvalidValue(_("A PIN must have between %(low)d and %(high)d characters.")
                           % {"low": MIN_PIN_LENGTH, "high": MAX_PIN_LENGTH})


def _user_named(session: Session, name: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(func.lower(UserRow.name) == name.lower())
                           ).first()


def _user_info(row: UserRow) -> UserInfo:
    return UserInfo(row.id, row.name, row.role, row.active, row.locked_until, row.created_at)


def _verify_pin(store: Store, user_id: int, pin: str) -> Actor:
    """The PIN check behind sign-in and approval, counting wrong PINs in a row."""
    with store.reading() as session:
        user = session.get(UserRow, user_id)
        if user is None or not user.active:
            raise NotAllowed(_("This account no longer exists or is disabled."))
        _refuse_if_locked(store, user)
        stored = user.pin_hash
    correct = verify_pin(pin, stored)  # slow on purpose: outside any transaction
    with store.writing() as session:
        user = session.get(UserRow, user_id, with_for_update=True)
        _refuse_if_locked(store, user)
        actor = Actor(user.id, user.name, user.role)
        if correct:
            user.failed_pins, user.locked_until = 0, None
            return actor
        user.failed_pins += 1
        if user.failed_pins >= MAX_WRONG_PINS:
            user.failed_pins, user.locked_until = 0, store.now() + LOCK_OUT
            _audit(session, store, actor, "lock_out", detail=f"{MAX_WRONG_PINS} wrong PINs")
        else:
            _audit(session, store, actor, "wrong_pin",
                   detail=f"{user.failed_pins} of {MAX_WRONG_PINS}")
        locked_until = user.locked_until
    if locked_until is not None:
        raise _locked_out(user.name, locked_until)
    raise SignInFailed(_("Wrong PIN."))


def _refuse_if_locked(store: Store, user: UserRow) -> None:
    if user.locked_until is not None and user.locked_until > store.now():
        raise _locked_out(user.name, user.locked_until)


def _locked_out(name: str, until: datetime) -> LockedOut:
    when = format_time(until.astimezone(), interface_language())
    return LockedOut(_("Too many wrong PINs: %(name)s can try again at %(time)s.")
                     % {"name": name, "time": when}, until)


def _authorise(session: Session, actor: Actor, roles: tuple[str, ...], refusal: str) -> Actor:
    """The actor as the database knows them (name and role), if the role may act."""
    if actor.user_id is None:
        if actor.role == ADMINISTRATOR and ADMINISTRATOR in roles:
            return actor
        raise NotAllowed(refusal)
    user = session.get(UserRow, actor.user_id)
    if user is None or not user.active:
        raise NotAllowed(_("This account no longer exists or is disabled."))
    if user.role not in roles:
        raise NotAllowed(refusal)
    return Actor(user.id, user.name, user.role)


def _audit(session: Session, store: Store, actor: Actor, action: str, *,
           incident_id: int | None = None, document_id: int | None = None,
           detail: str = "") -> None:
    """Append one line to the audit log (the only way the code touches it)."""
    session.add(AuditRow(at=store.now(), actor_id=actor.user_id, actor_name=actor.name,
                         actor_role=actor.role, action=action, incident_id=incident_id,
                         document_id=document_id, detail=detail))


def audit_log(store: Store, incident_id: int | None = None) -> list[AuditEntry]:
    """The audit log, oldest first (for one incident, or all of it)."""
    query = select(AuditRow).order_by(AuditRow.id)
    if incident_id is not None:
        query = query.where(AuditRow.incident_id == incident_id)
    with store.reading() as session:
        return [AuditEntry(row.id, row.at, row.actor_name, row.actor_role, row.action,
                           row.incident_id, row.document_id, row.detail)
                for row in session.scalars(query)]


# -- organisation profiles ----------------------------------------------------------------

def save_organisation(store: Store, actor: Actor, org: Organisation) -> int:
    """Store a profile (a new version when it changed); returns its version number.

    Incidents take the new profile with their next saved version.
    """
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS, ADMINISTRATOR),
                           _("Only a communication officer can edit the organisation profile."))
        return _store_organisation(session, store, actor, org).number


def organisation(store: Store, org_id: str, version: int | None = None) -> Organisation:
    """A stored profile (its newest version unless ``version`` is given)."""
    with store.reading() as session:
        row = session.get(OrganisationRow, org_id)
        if row is None:
            raise NotFound(_("No organisation profile '%(id)s' is stored.") % {"id": org_id})
        return _organisation_version(session, org_id, version or row.latest_version)[1]


def _store_organisation(session: Session, store: Store, actor: Actor,
                        org: Organisation) -> OrganisationVersionRow:
    text = serialise.organisation_to_toml(org)
    row = session.get(OrganisationRow, org.id)
    if row is None:
        row = OrganisationRow(id=org.id, latest_version=0, created_at=store.now())
        session.add(row)
    else:
        latest = _organisation_version(session, org.id, row.latest_version)[0]
        if latest.toml == text:
            return latest
    row.latest_version += 1
    version = OrganisationVersionRow(organisation_id=org.id, number=row.latest_version,
                                     toml=text, sha256=_sha256(text), saved_at=store.now(),
                                     saved_by=actor.name)
    session.add(version)
    session.flush()
    action = "create" if row.latest_version == 1 else "edit"
    _audit(session, store, actor, action,
           detail=f"organisation {org.id}, version {row.latest_version}")
    return version


def _organisation_version(session: Session, org_id: str, number: int
                          ) -> tuple[OrganisationVersionRow, Organisation]:
    row = session.scalars(select(OrganisationVersionRow).where(
        OrganisationVersionRow.organisation_id == org_id,
        OrganisationVersionRow.number == number)).one()
    return row, serialise.organisation_from_toml(row.toml, f"organisation {org_id} v{number}")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- incidents ----------------------------------------------------------------------------

def import_incident(store: Store, actor: Actor, org: Organisation,
                    incident: Incident) -> Snapshot:
    """Store a profile and a new incident of it in one go (files from another laptop)."""
    return _create(store, actor, org, incident, "import")


def create_incident(store: Store, actor: Actor, org_id: str, incident: Incident) -> Snapshot:
    """A new incident of a stored organisation; its documents start as drafts."""
    return _create(store, actor, org_id, incident, "create")


def _create(store: Store, actor: Actor, org: Organisation | str, incident: Incident,
            action: str) -> Snapshot:
    text = serialise.incident_to_toml(incident)
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS, ADMINISTRATOR),
                           _("Only a communication officer can create or import an incident."))
        if isinstance(org, Organisation):
            org_version = _store_organisation(session, store, actor, org)
        else:
            org_version = _latest_organisation_version(session, org)
        row = IncidentRow(organisation_id=org_version.organisation_id, latest_version=0,
                          created_at=store.now(), created_by=actor.name)
        session.add(row)
        session.flush()
        snapshot = _add_version(session, store, actor, row, text, org_version)
        _audit(session, store, actor, action, incident_id=row.id,
               detail=f"version 1 of organisation {org_version.organisation_id}")
        return snapshot


def _latest_organisation_version(session: Session, org_id: str) -> OrganisationVersionRow:
    row = session.get(OrganisationRow, org_id)
    if row is None:
        raise NotFound(_("No organisation profile '%(id)s' is stored.") % {"id": org_id})
    return _organisation_version(session, org_id, row.latest_version)[0]


def incidents(store: Store) -> list[IncidentSummary]:
    """Every stored incident, newest first."""
    with store.reading() as session:
        query = (select(IncidentRow, IncidentVersionRow)
                 .join(IncidentVersionRow, (IncidentVersionRow.incident_id == IncidentRow.id)
                       & (IncidentVersionRow.number == IncidentRow.latest_version))
                 .order_by(IncidentRow.id.desc()))
        states = _document_states(session)
        return [IncidentSummary(row.id, row.organisation_id, version.kind, version.title,
                                version.update_number, version.number, version.saved_at,
                                version.saved_by, states.get(row.id, {}))
                for row, version in session.execute(query)]


def _document_states(session: Session) -> dict[int, dict[str, int]]:
    counts: dict[int, Counter[str]] = {}
    query = (select(DocumentRow.incident_id, DocumentRow.state, func.count())
             .where(DocumentRow.is_current).group_by(DocumentRow.incident_id, DocumentRow.state))
    for incident_id, state, count in session.execute(query):
        counts.setdefault(incident_id, Counter())[state] = count
    return {key: dict(value) for key, value in counts.items()}


def load_incident(store: Store, incident_id: int, version: int | None = None) -> Snapshot:
    """The newest saved version of an incident (or the one asked for)."""
    with store.reading() as session:
        row = _incident_row(session, incident_id)
        return _snapshot(session, row, version or row.latest_version)


def versions(store: Store, incident_id: int) -> list[VersionInfo]:
    """Every saved version of an incident, oldest first."""
    with store.reading() as session:
        _incident_row(session, incident_id)
        query = (select(IncidentVersionRow, OrganisationVersionRow.number)
                 .join(OrganisationVersionRow,
                       OrganisationVersionRow.id == IncidentVersionRow.organisation_version_id)
                 .where(IncidentVersionRow.incident_id == incident_id)
                 .order_by(IncidentVersionRow.number))
        return [VersionInfo(row.number, row.update_number, org_number, row.sha256,
                            row.saved_at, row.saved_by)
                for row, org_number in session.execute(query)]


def save_incident(store: Store, actor: Actor, incident_id: int, incident: Incident,
                  base_version: int) -> Snapshot:
    """Save the edited incident as a new version, if ``base_version`` is still the newest.

    Any change returns the incident's documents to draft. When another desk saved
    first, ``ConflictError`` is raised and nothing is overwritten; the edit is kept
    as the person's autosave so that no typing is lost.
    """
    text = serialise.incident_to_toml(incident)
    try:
        with store.writing() as session:
            actor = _authorise(session, actor, (COMMS,),
                               _("Only a communication officer can edit an incident."))
            row = _incident_row(session, incident_id)
            if row.latest_version != base_version:
                raise _newer_version(session, row, base_version)
            org_version = _latest_organisation_version(session, row.organisation_id)
            latest = _version_row(session, incident_id, row.latest_version)
            if latest.toml == text and latest.organisation_version_id == org_version.id:
                snapshot = _snapshot(session, row, row.latest_version)
            else:
                snapshot = _add_version(session, store, actor, row, text, org_version)
            _drop_autosave(session, incident_id, actor)
            return snapshot
    except ConflictError:
        _keep_typing(store, actor, incident_id, incident, base_version)
        raise


def _keep_typing(store: Store, actor: Actor, incident_id: int, incident: Incident,
                 base_version: int) -> None:
    """Best effort after a refused save: the conflict is what the person must hear about."""
    if actor.user_id is None:
        return
    with contextlib.suppress(CrisisDeskError):
        autosave(store, actor, incident_id, incident, base_version)


def _newer_version(session: Session, row: IncidentRow, base_version: int) -> ConflictError:
    latest = _version_row(session, row.id, row.latest_version)
    return ConflictError(
        _("%(name)s saved version %(version)d of this incident at %(time)s, after the version "
          "%(base)d you started from. Nothing was overwritten and your changes are kept: "
          "reload the incident and make them again.")
        % {"name": latest.saved_by, "version": latest.number, "base": base_version,
           "time": format_time(latest.saved_at.astimezone(), interface_language())})


def _add_version(session: Session, store: Store, actor: Actor, row: IncidentRow, text: str,
                 org_version: OrganisationVersionRow) -> Snapshot:
    """Append a version, then bring every document up to it (back to draft if changed)."""
    incident = serialise.incident_from_toml(text, "UTC", "incident")
    row.latest_version += 1
    session.add(IncidentVersionRow(
        incident_id=row.id, number=row.latest_version, organisation_version_id=org_version.id,
        toml=text, sha256=_sha256(text), kind=incident.kind, update_number=incident.update,
        title=_first_text(incident.title, incident.languages), saved_at=store.now(),
        saved_by=actor.name))
    session.flush()  # the optimistic lock: fails if another desk saved in between
    snapshot = _snapshot(session, row, row.latest_version)
    returned = _refresh_documents(session, snapshot)
    if row.latest_version > 1:
        detail = f"version {row.latest_version}"
        if returned:
            detail += f"; back to draft: {', '.join(returned)}"
        _audit(session, store, actor, "edit", incident_id=row.id, detail=detail)
    return snapshot


def _first_text(texts: dict[str, str], languages: Iterable[str]) -> str:
    for code in languages:
        if texts.get(code, "").strip():
            return texts[code].strip()
    return next((t.strip() for t in texts.values() if t.strip()), "")


def _incident_row(session: Session, incident_id: int) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise NotFound(_("There is no incident %(id)s.") % {"id": incident_id})
    return row


def _version_row(session: Session, incident_id: int, number: int) -> IncidentVersionRow:
    row = session.scalars(select(IncidentVersionRow).where(
        IncidentVersionRow.incident_id == incident_id,
        IncidentVersionRow.number == number)).first()
    if row is None:
        raise NotFound(_("Incident %(id)s has no version %(version)s.")
                       % {"id": incident_id, "version": number})
    return row


def _snapshot(session: Session, row: IncidentRow, number: int) -> Snapshot:
    version = _version_row(session, row.id, number)
    org_row = session.get(OrganisationVersionRow, version.organisation_version_id)
    org = serialise.organisation_from_toml(org_row.toml, f"organisation {org_row.organisation_id}"
                                                         f" v{org_row.number}")
    incident = serialise.incident_from_toml(version.toml, org.timezone,
                                            f"incident {row.id} v{number}")
    return Snapshot(row.id, number, row.latest_version, org, incident, org_row.number,
                    version.saved_at, version.saved_by)


# -- autosave -----------------------------------------------------------------------------

def autosave(store: Store, actor: Actor, incident_id: int, incident: Incident,
             base_version: int) -> None:
    """Keep what a person is typing (no version, no audit line); call it every few seconds."""
    if actor.user_id is None:
        raise NotAllowed(_("Only a communication officer can edit an incident."))
    text = serialise.incident_to_toml(incident)
    serialise.incident_from_toml(text, "UTC", "incident")  # only what loads back is kept
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS,),
                           _("Only a communication officer can edit an incident."))
        _incident_row(session, incident_id)
        row = session.get(AutosaveRow, (incident_id, actor.user_id))
        if row is None:
            row = AutosaveRow(incident_id=incident_id, user_id=actor.user_id)
            session.add(row)
        row.base_version, row.toml, row.saved_at = base_version, text, store.now()


def recover_autosave(store: Store, actor: Actor, incident_id: int) -> Autosave | None:
    """The person's unsaved typing on an incident, if it differs from what they started from."""
    if actor.user_id is None:
        return None
    with store.reading() as session:
        row = session.get(AutosaveRow, (incident_id, actor.user_id))
        if row is None:
            return None
        incident_row = _incident_row(session, incident_id)
        base = _snapshot(session, incident_row, row.base_version)
        if _version_row(session, incident_id, row.base_version).toml == row.toml:
            return None
        incident = serialise.incident_from_toml(row.toml, base.organisation.timezone,
                                                f"autosave of incident {incident_id}")
        return Autosave(incident, row.base_version, row.saved_at)


def discard_autosave(store: Store, actor: Actor, incident_id: int) -> None:
    """Forget the person's unsaved typing on an incident."""
    if actor.user_id is None:
        return
    with store.writing() as session:
        _drop_autosave(session, incident_id, actor)


def _drop_autosave(session: Session, incident_id: int, actor: Actor) -> None:
    if actor.user_id is None:
        return
    row = session.get(AutosaveRow, (incident_id, actor.user_id))
    if row is not None:
        session.delete(row)


# -- documents ----------------------------------------------------------------------------

def _refresh_documents(session: Session, snapshot: Snapshot) -> list[str]:
    """Match the document rows to a new version; returns the numbers sent back to draft."""
    org, incident = snapshot.organisation, snapshot.incident
    keys = content.document_keys(org, incident)
    hashes = _content_hashes(session, snapshot, keys)
    rows = {(r.kind, r.site, r.languages): r for r in session.scalars(
        select(DocumentRow).where(DocumentRow.incident_id == snapshot.incident_id))}
    returned = []
    for key in keys:
        row = rows.pop((key.kind, key.site, key.languages_text), None)
        if row is None:
            row = DocumentRow(incident_id=snapshot.incident_id, kind=key.kind, site=key.site,
                              languages=key.languages_text, state="draft", comment="",
                              number=content.document_number(
                                  org.id, snapshot.incident_id, incident.started.year, key))
            session.add(row)
        elif row.state != "draft" and _bound_hash(row) != hashes[key]:
            row.state = "draft"
            returned.append(row.number)
        row.is_current, row.version, row.sha256 = True, snapshot.version, hashes[key]
    for row in rows.values():  # its site or language is gone from the incident
        row.is_current, row.state = False, "draft"
    return returned


def _bound_hash(row: DocumentRow) -> str | None:
    """The hash the document's submission or approval is bound to."""
    return row.approved_sha256 if row.state == "approved" else row.submitted_sha256


def _content_hashes(session: Session, snapshot: Snapshot, keys: list[content.DocumentKey]
                    ) -> dict[content.DocumentKey, str | None]:
    """Each document's content hash, or None while the incident cannot be rendered."""
    org, incident = snapshot.organisation, snapshot.incident
    if is_fatal(check(org, incident, render_checks=False)):
        return dict.fromkeys(keys)
    org_toml, incident_toml = _stored_texts(session, snapshot)
    try:
        return {key: content.content_hash(org_toml, incident_toml, key,
                                          content.document_texts(org, incident, key))
                for key in keys}
    except CrisisDeskError:  # e.g. a broken organisation template: fixed before submission
        return dict.fromkeys(keys)


def _stored_texts(session: Session, snapshot: Snapshot) -> tuple[str, str]:
    version = _version_row(session, snapshot.incident_id, snapshot.version)
    org_version = session.get(OrganisationVersionRow, version.organisation_version_id)
    return org_version.toml, version.toml


def _hash_now(session: Session, snapshot: Snapshot, key: content.DocumentKey) -> str:
    """Recompute a document's hash from what is stored, right now."""
    org_toml, incident_toml = _stored_texts(session, snapshot)
    texts = content.document_texts(snapshot.organisation, snapshot.incident, key)
    return content.content_hash(org_toml, incident_toml, key, texts)


def _key(row: DocumentRow) -> content.DocumentKey:
    return content.DocumentKey(row.kind, row.site, tuple(row.languages.split(",")))


def _document_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.incident_id, row.kind, row.site or None,
                        tuple(row.languages.split(",")), row.number, row.state, row.version,
                        row.sha256, row.submitted_sha256, row.submitted_by, row.submitted_at,
                        row.approved_version, row.approved_by, row.approved_at, row.comment)


def documents(store: Store, incident_id: int, site: str | None = None) -> list[DocumentInfo]:
    """The incident's documents; with ``site``, those for that site and those for every site."""
    query = (select(DocumentRow).where(DocumentRow.incident_id == incident_id,
                                       DocumentRow.is_current).order_by(DocumentRow.id))
    if site is not None:
        query = query.where(DocumentRow.site.in_(("", site)))
    with store.reading() as session:
        _incident_row(session, incident_id)
        return [_document_info(row) for row in session.scalars(query)]


def document(store: Store, document_id: int) -> DocumentInfo:
    """One document."""
    with store.reading() as session:
        return _document_info(_document_row(session, document_id))


def awaiting_approval(store: Store, incident_id: int | None = None) -> list[DocumentInfo]:
    """The documents submitted and waiting for a manager."""
    query = (select(DocumentRow).where(DocumentRow.state == "submitted", DocumentRow.is_current)
             .order_by(DocumentRow.incident_id, DocumentRow.id))
    if incident_id is not None:
        query = query.where(DocumentRow.incident_id == incident_id)
    with store.reading() as session:
        return [_document_info(row) for row in session.scalars(query)]


def _document_row(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(_("There is no document %(id)s.") % {"id": document_id})
    return row


def document_texts(store: Store, document_id: int, version: int | None = None
                   ) -> dict[str, str]:
    """What the document says in each language, at a version (the newest by default)."""
    with store.reading() as session:
        row = _document_row(session, document_id)
        snapshot = _snapshot(session, _incident_row(session, row.incident_id),
                             version or row.version)
    return content.document_texts(snapshot.organisation, snapshot.incident, _key(row))


def document_diff(store: Store, document_id: int, old_version: int,
                  new_version: int | None = None) -> dict[str, str]:
    """Per language, a unified diff of the document between two versions ("" if unchanged)."""
    with store.reading() as session:
        row = _document_row(session, document_id)
        new_version = new_version or row.version
        incident_row = _incident_row(session, row.incident_id)
        old = _snapshot(session, incident_row, old_version)
        new = _snapshot(session, incident_row, new_version)
    key = _key(row)
    old_texts = content.document_texts(old.organisation, old.incident, key)
    new_texts = content.document_texts(new.organisation, new.incident, key)
    return {code: content.text_diff(old_texts[code], new_texts[code],
                                    f"{row.number} v{old_version} ({code})",
                                    f"{row.number} v{new_version} ({code})")
            for code in key.languages}


def changes_since_approval(store: Store, document_id: int) -> dict[str, str] | None:
    """What changed since the document was last approved; None if it never was."""
    with store.reading() as session:
        row = _document_row(session, document_id)
        approved = session.scalars(
            select(ApprovalRow.incident_version)
            .where(ApprovalRow.document_id == document_id, ApprovalRow.decision == "approved")
            .order_by(ApprovalRow.id.desc())).first()
        current = row.version
    if approved is None:
        return None
    return document_diff(store, document_id, approved, current)


def incident_diff(store: Store, incident_id: int, old_version: int, new_version: int) -> str:
    """A unified diff of the stored incident (its canonical TOML) between two versions."""
    with store.reading() as session:
        old = _version_row(session, incident_id, old_version).toml
        new = _version_row(session, incident_id, new_version).toml
    return content.text_diff(old, new, f"incident {incident_id} v{old_version}",
                             f"incident {incident_id} v{new_version}")


# -- submit, approve, send back -----------------------------------------------------------

def submit(store: Store, actor: Actor, incident_id: int, version: int,
           document_ids: Iterable[int] | None = None) -> list[DocumentInfo]:
    """Submit the drafts of version ``version`` (all of them, or those given) for approval.

    Refused while the checker finds errors, and when a newer version was saved.
    """
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS,),
                           _("Only a communication officer can submit documents for approval."))
        row = _incident_row(session, incident_id)
        if row.latest_version != version:
            raise _newer_version(session, row, version)
        snapshot = _snapshot(session, row, version)
        problems = check(snapshot.organisation, snapshot.incident)
        if has_errors(problems):
            count = sum(p.severity == "error" for p in problems)
            raise CheckFailed(_("Fix the errors the checker lists before submitting the "
                                "incident for approval (errors: %(count)d).")
                              % {"count": count}, problems)
        submitted = []
        for doc in _selected_documents(session, incident_id, document_ids):
            if doc.state == "submitted":
                continue
            sha256 = _hash_now(session, snapshot, _key(doc))
            if doc.state == "approved" and sha256 == doc.approved_sha256:
                continue  # approved exactly as it reads now
            doc.state, doc.submitted_sha256 = "submitted", sha256
            doc.submitted_at, doc.submitted_by = store.now(), actor.name
            _audit(session, store, actor, "submit", incident_id=incident_id,
                   document_id=doc.id, detail=f"{doc.number} version {version}")
            submitted.append(_document_info(doc))
        return submitted


def _selected_documents(session: Session, incident_id: int,
                        document_ids: Iterable[int] | None) -> list[DocumentRow]:
    rows = list(session.scalars(select(DocumentRow).where(
        DocumentRow.incident_id == incident_id, DocumentRow.is_current).order_by(DocumentRow.id)))
    if document_ids is None:
        return rows
    wanted = set(document_ids)
    missing = wanted - {row.id for row in rows}
    if missing:
        raise NotFound(_("Incident %(incident)s has no document %(id)s.")
                       % {"incident": incident_id, "id": min(missing)})
    return [row for row in rows if row.id in wanted]


def approve(store: Store, actor: Actor, pin: str, document_id: int,
            reviewed_sha256: str) -> DocumentInfo:
    """A manager approves, with their PIN, exactly the content they reviewed.

    ``reviewed_sha256`` is the ``submitted_sha256`` of the document as the manager
    read it; if the document changed since, or the stored content no longer
    gives that hash, the approval is refused (``ContentChanged``).
    """
    return approve_many(store, actor, pin, {document_id: reviewed_sha256})[0]


def approve_many(store: Store, actor: Actor, pin: str,
                 reviewed: Mapping[int, str]) -> list[DocumentInfo]:
    """Approve several documents with one PIN: all of them, or none if one is refused.

    ``reviewed`` maps each document id to the ``submitted_sha256`` the manager read.
    """
    refusal = _("Only a manager can approve a document.")
    with store.reading() as session:
        actor = _authorise(session, actor, (MANAGER,), refusal)
    _verify_pin(store, actor.user_id, pin)
    with store.writing() as session:
        actor = _authorise(session, actor, (MANAGER,), refusal)
        return [_approve_row(session, store, actor, document_id, sha256)
                for document_id, sha256 in reviewed.items()]


def _approve_row(session: Session, store: Store, actor: Actor, document_id: int,
                 reviewed_sha256: str) -> DocumentInfo:
    row = _submitted_document(session, document_id)
    snapshot = _snapshot(session, _incident_row(session, row.incident_id), row.version)
    if reviewed_sha256 != row.submitted_sha256 or \
            _hash_now(session, snapshot, _key(row)) != row.submitted_sha256:
        raise ContentChanged(_("Document %(number)s changed since it was submitted or "
                               "since you read it; read it again before approving.")
                             % {"number": row.number})
    now = store.now()
    row.state, row.approved_sha256, row.approved_version = "approved", \
        row.submitted_sha256, row.version
    row.approved_at, row.approved_by, row.comment = now, actor.name, ""
    session.add(ApprovalRow(document_id=row.id, decision="approved",
                            incident_version=row.version, sha256=row.submitted_sha256,
                            user_id=actor.user_id, user_name=actor.name, at=now, comment=""))
    _audit(session, store, actor, "approve", incident_id=row.incident_id, document_id=row.id,
           detail=f"{row.number} version {row.version} sha256 {row.submitted_sha256}")
    return _document_info(row)


def send_back(store: Store, actor: Actor, document_id: int, comment: str) -> DocumentInfo:
    """A manager returns a submitted document to draft, saying what to change."""
    comment = comment.strip()
    if not comment:
        raise InvalidValue(_("Say what should change: a document is sent back with a comment."))
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidValue(_("The comment is too long (at most %(count)d characters).")
                           % {"count": MAX_COMMENT_LENGTH})
    with store.writing() as session:
        actor = _authorise(session, actor, (MANAGER,),
                           _("Only a manager can send a document back."))
        row = _submitted_document(session, document_id)
        row.state, row.comment = "draft", comment
        session.add(ApprovalRow(document_id=row.id, decision="sent_back",
                                incident_version=row.version, sha256=row.submitted_sha256,
                                user_id=actor.user_id, user_name=actor.name, at=store.now(),
                                comment=comment))
        _audit(session, store, actor, "send_back", incident_id=row.incident_id,
               document_id=row.id, detail=f"{row.number} version {row.version}: {comment}")
        return _document_info(row)


def _submitted_document(session: Session, document_id: int) -> DocumentRow:
    row = _document_row(session, document_id)
    if row.state == "approved":
        raise WrongState(_("Document %(number)s is already approved.") % {"number": row.number})
    if row.state != "submitted" or not row.is_current:
        raise WrongState(_("Document %(number)s is a draft: it has not been submitted for "
                           "approval.") % {"number": row.number})
    return row


# -- approved documents: marks, rendering, printing, export -------------------------------

def approval_mark(store: Store, document_id: int) -> ApprovalMark | None:
    """What an approved document prints (number, version, approver); None for a draft.

    The content is hashed again: if it is no longer exactly what was approved,
    the document is treated as a draft and keeps its watermark.
    """
    with store.reading() as session:
        row = _document_row(session, document_id)
        return _mark(session, row)


def _mark(session: Session, row: DocumentRow) -> ApprovalMark | None:
    if row.state != "approved" or not row.is_current:
        return None
    incident_row = _incident_row(session, row.incident_id)
    if row.version != incident_row.latest_version:
        return None
    snapshot = _snapshot(session, incident_row, row.version)
    if _hash_now(session, snapshot, _key(row)) != row.approved_sha256:
        return None
    return ApprovalMark(row.number, row.approved_version, row.approved_by, row.approved_at)


def render_request(store: Store, document_id: int) -> RenderRequest:
    """Everything a renderer needs for a stored document, with its approval (or none)."""
    with store.reading() as session:
        row = _document_row(session, document_id)
        incident_row = _incident_row(session, row.incident_id)
        snapshot = _snapshot(session, incident_row, incident_row.latest_version)
        history = _history(session, incident_row, snapshot.incident.update)
        mark = _mark(session, row)
    key = _key(row)
    return RenderRequest(snapshot.organisation, snapshot.incident, key.languages,
                         key.site or None, mark, content.template_dirs(snapshot.organisation),
                         history)


def _history(session: Session, row: IncidentRow, update: int) -> tuple[Incident, ...]:
    """The last saved version of every earlier update of the incident, oldest first."""
    query = (select(func.max(IncidentVersionRow.number))
             .where(IncidentVersionRow.incident_id == row.id,
                    IncidentVersionRow.update_number < update)
             .group_by(IncidentVersionRow.update_number)
             .order_by(IncidentVersionRow.update_number))
    return tuple(_snapshot(session, row, number).incident for number in session.scalars(query))


def render_document(store: Store, document_id: int, fmt: str) -> bytes:
    """The document in a format (pdf, txt, html, xml): approved, or a watermarked draft."""
    request = render_request(store, document_id)
    with store.reading() as session:
        kind_id = _document_row(session, document_id).kind
    formats = kind(kind_id).formats
    if fmt not in formats:
        raise InvalidValue(_("Documents of kind '%(kind)s' are not made as %(format)s (only "
                             "as %(formats)s).") % {"kind": kind_id, "format": fmt,
                                                    "formats": ", ".join(formats) or "-"})
    return formats[fmt](request)


def print_document(store: Store, actor: Actor, document_id: int, fmt: str = "pdf") -> bytes:
    """Render a document for printing and note it in the audit log."""
    data = render_document(store, document_id, fmt)
    record_print(store, actor, document_id, fmt)
    return data


def record_print(store: Store, actor: Actor, document_id: int, fmt: str = "pdf") -> None:
    """Note in the audit log that a document was printed (drafts carry their watermark)."""
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS, MANAGER, RECEPTION, ADMINISTRATOR),
                           _("Sign in to print."))
        row = _document_row(session, document_id)
        mark = _mark(session, row)
        state = f"approved version {mark.version}" if mark else "draft, watermarked"
        _audit(session, store, actor, "print", incident_id=row.incident_id,
               document_id=row.id, detail=f"{row.number} ({fmt}, {state})")


def export_incident(store: Store, actor: Actor, incident_id: int,
                    version: int | None = None) -> ExportedIncident:
    """The incident and its profile as TOML files that load back to equal objects."""
    with store.writing() as session:
        actor = _authorise(session, actor, (COMMS, MANAGER, ADMINISTRATOR),
                           _("Only a communication officer or a manager can export an incident."))
        row = _incident_row(session, incident_id)
        snapshot = _snapshot(session, row, version or row.latest_version)
        org_toml, incident_toml = _stored_texts(session, snapshot)
        _audit(session, store, actor, "export", incident_id=incident_id,
               detail=f"version {snapshot.version} as TOML")
    what = f"incident {incident_id}, version {snapshot.version}"
    org_what = f"organisation {snapshot.organisation.id}"
    return ExportedIncident(serialise.export_text(incident_toml, what),
                            serialise.export_text(org_toml, org_what), snapshot.version)


def export_kit(store: Store, actor: Actor, incident_id: int, folder: Path | str,
               kind_ids: list[str] | None = None) -> list[Path]:
    """Write every document of every format to ``folder`` (approved ones with their mark)."""
    folder = Path(folder)
    with store.reading() as session:
        actor = _authorise(session, actor, (COMMS, MANAGER, ADMINISTRATOR),
                           _("Only a communication officer or a manager can export documents."))
        incident_row = _incident_row(session, incident_id)
        snapshot = _snapshot(session, incident_row, incident_row.latest_version)
        history = _history(session, incident_row, snapshot.incident.update)
        marks = {(r.kind, r.site, r.languages): _mark(session, r) for r in session.scalars(
            select(DocumentRow).where(DocumentRow.incident_id == incident_id,
                                      DocumentRow.is_current))}
    folder.mkdir(parents=True, exist_ok=True)
    dirs = content.template_dirs(snapshot.organisation)
    written = []
    for doc in plan(snapshot.organisation, snapshot.incident, kind_ids):
        mark = marks.get((doc.kind, doc.site or "", ",".join(doc.languages)))
        request = RenderRequest(snapshot.organisation, snapshot.incident, doc.languages,
                                doc.site, mark, dirs, history)
        path = folder / doc.filename
        write_atomically(path, kind(doc.kind).render(doc.fmt, request))
        written.append(path)
    with store.writing() as session:
        _audit(session, store, actor, "export", incident_id=incident_id,
               detail=f"version {snapshot.version}: {len(written)} documents to {folder}")
    return written

