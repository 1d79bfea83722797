"""Incidents and their saved versions: create, import, save, load, list, compare.

Every saved update is kept as a version; saving checks that nobody saved a newer
one since the person started (otherwise ``ConflictError``, and their edit is kept
as autosave), and brings the incident's documents up to the new version.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.desk import audit, content, lookups, tracking, unsaved
from crisis_desk.desk.errors import AlreadyImported, InvalidValue, ProfileDiffers
from crisis_desk.desk.people import ADMINISTRATOR, authorise
from crisis_desk.desk.profiles import (
    latest_organisation_version,
    store_organisation,
    text_sha256,
)
from crisis_desk.desk.records import Actor, IncidentSummary, Snapshot, VersionInfo
from crisis_desk.desk.states import AuditAction
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.domain.roles import Role
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import _, format_time, interface_language
from crisis_desk.store.database import Store
from crisis_desk.store.errors import ConflictError
from crisis_desk.store.tables import (
    IncidentRow,
    IncidentVersionRow,
    OrganisationRow,
    OrganisationVersionRow,
)
from crisis_desk.support.errors import CrisisDeskError


def import_incident(store: Store, actor: Actor, org: Organisation, incident: Incident,
                    *, update_profile: bool = False) -> Snapshot:
    """Store a profile and a new incident of it in one go (files from another laptop).

    An import never surprises: the same incident with the same profile, imported
    again, is refused with ``AlreadyImported`` naming the stored one; a profile that
    differs from the one stored under its id is refused with ``ProfileDiffers``
    (with the difference) unless ``update_profile`` makes it the profile's next version.
    """
    return _create(store, actor, org, incident, AuditAction.IMPORT, update_profile)


def create_incident(store: Store, actor: Actor, org_id: str, incident: Incident) -> Snapshot:
    """A new incident of a stored organisation; its documents start as drafts."""
    return _create(store, actor, org_id, incident, AuditAction.CREATE)


def _create(store: Store, actor: Actor, org: Organisation | str, incident: Incident,
            action: AuditAction, update_profile: bool = False) -> Snapshot:
    text = serialise.incident_to_toml(incident)
    with store.writing() as session:
        actor = authorise(session, actor, (Role.COMMS, ADMINISTRATOR),
                          _("Only a communication officer can create or import an incident."))
        if isinstance(org, Organisation):
            _refuse_surprises(session, org, incident, text, update_profile)
            org_version = store_organisation(session, store, actor, org)
        else:
            org_version = latest_organisation_version(session, org)
        row = IncidentRow(organisation_id=org_version.organisation_id, latest_version=0,
                          created_at=store.now(), created_by=actor.name)
        session.add(row)
        session.flush()
        snapshot = _add_version(session, store, actor, row, text, org_version)
        audit.record(session, store, actor, action, incident_id=row.id,
                     detail=f"version 1 of organisation {org_version.organisation_id}")
        return snapshot


def _refuse_surprises(session: Session, org: Organisation, incident: Incident,
                      incident_text: str, update_profile: bool) -> None:
    """Refuse an import that would change a stored profile unasked, or repeat an incident."""
    if incident.organisation and incident.organisation != org.id:
        raise InvalidValue(_("The incident is for organisation '%(incident)s', but the profile "
                             "is that of '%(org)s'; nothing was imported.")
                           % {"incident": incident.organisation, "org": org.id})
    if session.get(OrganisationRow, org.id) is None:
        return  # a new organisation: nothing stored to differ from or to repeat
    stored = latest_organisation_version(session, org.id)
    profile_text = serialise.organisation_to_toml(org)
    if stored.toml != profile_text:
        if update_profile:
            return
        raise ProfileDiffers(
            _("The organisation profile '%(id)s' in the file differs from the one stored "
              "(version %(version)d); nothing was imported. Taking it would change what "
              "every incident of this organisation says at its next save.")
            % {"id": org.id, "version": stored.number}, org.id, stored.number,
            content.text_diff(stored.toml, profile_text,
                              f"organisation {org.id} v{stored.number} (stored)",
                              f"organisation {org.id} (file)"))
    same = session.execute(
        select(IncidentVersionRow.incident_id, IncidentVersionRow.number)
        .join(IncidentRow, IncidentRow.id == IncidentVersionRow.incident_id)
        .where(IncidentRow.organisation_id == org.id,
               IncidentVersionRow.sha256 == text_sha256(incident_text))
        .order_by(IncidentVersionRow.incident_id, IncidentVersionRow.number)).first()
    if same is not None:
        raise AlreadyImported(
            _("This incident is already stored: it is version %(version)d of incident "
              "%(id)d, with the same organisation profile. Nothing was imported.")
            % {"version": same.number, "id": same.incident_id}, same.incident_id, same.number)


def incidents(store: Store) -> list[IncidentSummary]:
    """Every stored incident, newest first."""
    with store.reading() as session:
        query = (select(IncidentRow, IncidentVersionRow)
                 .join(IncidentVersionRow, (IncidentVersionRow.incident_id == IncidentRow.id)
                       & (IncidentVersionRow.number == IncidentRow.latest_version))
                 .order_by(IncidentRow.id.desc()))
        states = tracking.state_counts(session)
        return [IncidentSummary(row.id, row.organisation_id, version.kind, version.title,
                                version.update_number, version.number, version.saved_at,
                                version.saved_by, states.get(row.id, {}))
                for row, version in session.execute(query)]


def load_incident(store: Store, incident_id: int, version: int | None = None) -> Snapshot:
    """The newest saved version of an incident (or the one asked for)."""
    with store.reading() as session:
        row = lookups.incident_row(session, incident_id)
        return lookups.snapshot(session, row, version or row.latest_version)


def versions(store: Store, incident_id: int) -> list[VersionInfo]:
    """Every saved version of an incident, oldest first."""
    with store.reading() as session:
        lookups.incident_row(session, incident_id)
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
            actor = authorise(session, actor, (Role.COMMS,),
                              _("Only a communication officer can edit an incident."))
            row = lookups.incident_row(session, incident_id)
            if row.latest_version != base_version:
                raise newer_version(session, row, base_version)
            org_version = latest_organisation_version(session, row.organisation_id)
            latest = lookups.version_row(session, incident_id, row.latest_version)
            if latest.toml == text and latest.organisation_version_id == org_version.id:
                snapshot = lookups.snapshot(session, row, row.latest_version)
            else:
                snapshot = _add_version(session, store, actor, row, text, org_version)
            unsaved.drop_autosave(session, incident_id, actor)
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
        unsaved.autosave(store, actor, incident_id, incident, base_version)


def newer_version(session: Session, row: IncidentRow, base_version: int) -> ConflictError:
    """The conflict to raise when someone saved after the version a person started from."""
    latest = lookups.version_row(session, row.id, row.latest_version)
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
        toml=text, sha256=text_sha256(text), kind=incident.kind, update_number=incident.update,
        title=_first_text(incident.title, incident.languages), saved_at=store.now(),
        saved_by=actor.name))
    session.flush()  # the optimistic lock: fails if another desk saved in between
    snapshot = lookups.snapshot(session, row, row.latest_version)
    returned = tracking.refresh_documents(session, snapshot)
    if row.latest_version > 1:
        detail = f"version {row.latest_version}"
        if returned:
            detail += f"; back to draft: {', '.join(returned)}"
        audit.record(session, store, actor, AuditAction.EDIT, incident_id=row.id, detail=detail)
    return snapshot


def _first_text(texts: Mapping[str, str], languages: Iterable[str]) -> str:
    for code in languages:
        if texts.get(code, "").strip():
            return texts[code].strip()
    return next((t.strip() for t in texts.values() if t.strip()), "")


def incident_diff(store: Store, incident_id: int, old_version: int, new_version: int) -> str:
    """A unified diff of the stored incident (its canonical TOML) between two versions."""
    with store.reading() as session:
        old = lookups.version_row(session, incident_id, old_version).toml
        new = lookups.version_row(session, incident_id, new_version).toml
    return content.text_diff(old, new, f"incident {incident_id} v{old_version}",
                             f"incident {incident_id} v{new_version}")
