"""Autosave: what a person is typing, kept apart from the saved versions.

One row per person and incident, no version and no audit line; a save or a
discard drops it, and a refused save keeps the person's edit here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crisis_desk.desk import lookups
from crisis_desk.desk.errors import NotAllowed
from crisis_desk.desk.people import authorise
from crisis_desk.desk.records import Actor, Autosave
from crisis_desk.domain.model import Incident
from crisis_desk.domain.roles import Role
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.tables import AutosaveRow


def autosave(store: Store, actor: Actor, incident_id: int, incident: Incident,
             base_version: int) -> None:
    """Keep what a person is typing (no version, no audit line); call it every few seconds."""
    if actor.user_id is None:
        raise NotAllowed(_("Only a communication officer can edit an incident."))
    text = serialise.incident_to_toml(incident)
    serialise.incident_from_toml(text, "UTC", "incident")  # only what loads back is kept
    with store.writing() as session:
        actor = authorise(session, actor, (Role.COMMS,),
                          _("Only a communication officer can edit an incident."))
        lookups.incident_row(session, incident_id)
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
        incident_row = lookups.incident_row(session, incident_id)
        base = lookups.snapshot(session, incident_row, row.base_version)
        if lookups.version_row(session, incident_id, row.base_version).toml == row.toml:
            return None
        incident = serialise.incident_from_toml(row.toml, base.organisation.timezone,
                                                f"autosave of incident {incident_id}")
        return Autosave(incident, row.base_version, row.saved_at)


def discard_autosave(store: Store, actor: Actor, incident_id: int) -> None:
    """Forget the person's unsaved typing on an incident."""
    if actor.user_id is None:
        return
    with store.writing() as session:
        drop_autosave(session, incident_id, actor)


def drop_autosave(session: Session, incident_id: int, actor: Actor) -> None:
    """Delete the person's autosave row, within the caller's transaction."""
    if actor.user_id is None:
        return
    row = session.get(AutosaveRow, (incident_id, actor.user_id))
    if row is not None:
        session.delete(row)
