"""Finding what is stored: an incident, one of its versions, a document.

The shared ground of the workflow's modules: each lookup raises ``NotFound``
with a translated message when the thing asked for does not exist.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.desk import content
from crisis_desk.desk.errors import NotFound
from crisis_desk.desk.records import Snapshot
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import _
from crisis_desk.store.tables import (
    DocumentRow,
    IncidentRow,
    IncidentVersionRow,
    OrganisationVersionRow,
)


def incident_row(session: Session, incident_id: int) -> IncidentRow:
    """The incident's row."""
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise NotFound(_("There is no incident %(id)s.") % {"id": incident_id})
    # Held for the session's life: its identity map keeps only the rows someone holds,
    # and a list of documents asks for the same incident once per document.
    _session_memo(session).setdefault(("incident", incident_id), row)
    return row


def _session_memo(session: Session) -> dict[tuple[object, ...], object]:
    memo: dict[tuple[object, ...], object] = session.info.setdefault("crisis_desk.lookups", {})
    return memo


def version_row(session: Session, incident_id: int, number: int) -> IncidentVersionRow:
    """One saved version of an incident."""
    row = session.scalars(select(IncidentVersionRow).where(
        IncidentVersionRow.incident_id == incident_id,
        IncidentVersionRow.number == number)).first()
    if row is None:
        raise NotFound(_("Incident %(id)s has no version %(version)s.")
                       % {"id": incident_id, "version": number})
    return row


def snapshot(session: Session, row: IncidentRow, number: int) -> Snapshot:
    """A version of the incident, loaded with the profile version it was saved with.

    Read once per session: a saved version never changes, and a list of documents
    asks for the same one or two versions once per document.
    """
    memo = _session_memo(session)
    key = ("snapshot", row.id, number, row.latest_version)
    found = memo.get(key)
    if not isinstance(found, Snapshot):
        found = memo[key] = _read_snapshot(session, row, number)
    return found


def _read_snapshot(session: Session, row: IncidentRow, number: int) -> Snapshot:
    version = version_row(session, row.id, number)
    # A foreign key: the profile version exists, or the database is damaged.
    org_row = session.get_one(OrganisationVersionRow, version.organisation_version_id)
    org, incident = _parsed(org_row.toml, f"organisation {org_row.organisation_id} "
                                          f"v{org_row.number}",
                            version.toml, f"incident {row.id} v{number}")
    return Snapshot(row.id, number, row.latest_version, org, incident, org_row.number,
                    version.saved_at, version.saved_by)


@lru_cache(maxsize=128)
def _parsed(org_toml: str, org_source: str, incident_toml: str,
            incident_source: str) -> tuple[Organisation, Incident]:
    """A stored version, read from its TOML once per process.

    Stored versions never change and the objects are frozen, so one reading can
    serve every later look: the list of what awaits approval reads the same few
    versions for every document, and a desk asks for it each time another acts.
    """
    org = serialise.organisation_from_toml(org_toml, org_source)
    return org, serialise.incident_from_toml(incident_toml, org.timezone, incident_source)


def stored_texts(session: Session, snapshot: Snapshot) -> tuple[str, str]:
    """The profile's and the incident's TOML exactly as stored for a snapshot."""
    version = version_row(session, snapshot.incident_id, snapshot.version)
    org_version = session.get_one(OrganisationVersionRow, version.organisation_version_id)
    return org_version.toml, version.toml


def document_row(session: Session, document_id: int) -> DocumentRow:
    """The document's row."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(_("There is no document %(id)s.") % {"id": document_id})
    return row


def document_key(row: DocumentRow) -> content.DocumentKey:
    """What identifies the document's content: kind, site and languages."""
    return content.DocumentKey(row.kind, row.site, tuple(row.languages.split(",")))


def history(session: Session, row: IncidentRow, number: int, update: int
            ) -> tuple[Incident, ...]:
    """The incident's earlier updates as version ``number`` saw them, oldest first.

    For each update before ``update``, its last version saved no later than ``number``:
    what a document of that version compares itself with ("what changed since").
    """
    query = (select(func.max(IncidentVersionRow.number))
             .where(IncidentVersionRow.incident_id == row.id,
                    IncidentVersionRow.update_number < update,
                    IncidentVersionRow.number <= number)
             .group_by(IncidentVersionRow.update_number)
             .order_by(IncidentVersionRow.update_number))
    return tuple(snapshot(session, row, earlier).incident
                 for earlier in session.scalars(query))
