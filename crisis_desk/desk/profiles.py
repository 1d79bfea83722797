"""Organisation profiles, kept as versions of their canonical TOML.

Incidents take a profile's newest version with their next saved version.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.desk import audit
from crisis_desk.desk.errors import NotFound
from crisis_desk.desk.people import ADMINISTRATOR, authorise
from crisis_desk.desk.records import Actor
from crisis_desk.desk.states import AuditAction
from crisis_desk.domain.model import Organisation
from crisis_desk.domain.roles import Role
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.tables import OrganisationRow, OrganisationVersionRow


def save_organisation(store: Store, actor: Actor, org: Organisation) -> int:
    """Store a profile (a new version when it changed); returns its version number.

    Incidents take the new profile with their next saved version.
    """
    with store.writing() as session:
        actor = authorise(session, actor, (Role.COMMS, ADMINISTRATOR),
                          _("Only a communication officer can edit the organisation profile."))
        return store_organisation(session, store, actor, org).number


def organisation(store: Store, org_id: str, version: int | None = None) -> Organisation:
    """A stored profile (its newest version unless ``version`` is given)."""
    with store.reading() as session:
        row = session.get(OrganisationRow, org_id)
        if row is None:
            raise NotFound(_("No organisation profile '%(id)s' is stored.") % {"id": org_id})
        return _organisation_version(session, org_id, version or row.latest_version)[1]


def organisations(store: Store) -> list[Organisation]:
    """Every stored profile, at its newest version, by id (a new incident needs one)."""
    with store.reading() as session:
        rows = session.scalars(select(OrganisationRow).order_by(OrganisationRow.id)).all()
        return [_organisation_version(session, row.id, row.latest_version)[1]
                for row in rows]


def store_organisation(session: Session, store: Store, actor: Actor,
                       org: Organisation) -> OrganisationVersionRow:
    """The profile's stored version, a new one only when its TOML changed."""
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
                                     toml=text, sha256=text_sha256(text), saved_at=store.now(),
                                     saved_by=actor.name)
    session.add(version)
    session.flush()
    action = AuditAction.CREATE if row.latest_version == 1 else AuditAction.EDIT
    audit.record(session, store, actor, action,
                 detail=f"organisation {org.id}, version {row.latest_version}")
    return version


def latest_organisation_version(session: Session, org_id: str) -> OrganisationVersionRow:
    """The newest stored version of a profile; ``NotFound`` when there is none."""
    row = session.get(OrganisationRow, org_id)
    if row is None:
        raise NotFound(_("No organisation profile '%(id)s' is stored.") % {"id": org_id})
    return _organisation_version(session, org_id, row.latest_version)[0]


def _organisation_version(session: Session, org_id: str, number: int
                          ) -> tuple[OrganisationVersionRow, Organisation]:
    row = session.scalars(select(OrganisationVersionRow).where(
        OrganisationVersionRow.organisation_id == org_id,
        OrganisationVersionRow.number == number)).one()
    return row, serialise.organisation_from_toml(row.toml, f"organisation {org_id} v{number}")


def text_sha256(text: str) -> str:
    """The SHA-256 of a stored text, in hexadecimal."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
