"""Document tracking: each document's row, number, state and content hash.

The rows are kept in step with the incident's versions (a changed document goes
back to draft), and the queries here list, read and compare the documents.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.checking import check, is_fatal
from crisis_desk.desk import content, lookups
from crisis_desk.desk.records import DocumentInfo, Snapshot
from crisis_desk.desk.states import Decision, DocumentState
from crisis_desk.store.database import Store
from crisis_desk.store.tables import ApprovalRow, DocumentRow
from crisis_desk.support.errors import CrisisDeskError


def refresh_documents(session: Session, snapshot: Snapshot) -> list[str]:
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
                              languages=key.languages_text, state=DocumentState.DRAFT,
                              comment="", number=content.document_number(
                                  org.id, snapshot.incident_id, incident.started.year, key))
            session.add(row)
        elif row.state != DocumentState.DRAFT and _bound_hash(row) != hashes[key]:
            row.state = DocumentState.DRAFT
            returned.append(row.number)
        row.is_current, row.version, row.sha256 = True, snapshot.version, hashes[key]
    for row in rows.values():  # its site or language is gone from the incident
        row.is_current, row.state = False, DocumentState.DRAFT
    return returned


def _bound_hash(row: DocumentRow) -> str | None:
    """The hash the document's submission or approval is bound to."""
    return row.approved_sha256 if row.state == DocumentState.APPROVED else row.submitted_sha256


def _content_hashes(session: Session, snapshot: Snapshot, keys: list[content.DocumentKey]
                    ) -> dict[content.DocumentKey, str | None]:
    """Each document's content hash, or None while the incident cannot be rendered."""
    org, incident = snapshot.organisation, snapshot.incident
    if is_fatal(check(org, incident, render_checks=False)):
        return dict.fromkeys(keys)
    org_toml, incident_toml = lookups.stored_texts(session, snapshot)
    try:
        return {key: content.content_hash(org_toml, incident_toml, key,
                                          content.document_texts(org, incident, key))
                for key in keys}
    except CrisisDeskError:  # e.g. a broken organisation template: fixed before submission
        return dict.fromkeys(keys)


def hash_now(session: Session, snapshot: Snapshot, key: content.DocumentKey) -> str:
    """Recompute a document's hash from what is stored, right now."""
    org_toml, incident_toml = lookups.stored_texts(session, snapshot)
    texts = content.document_texts(snapshot.organisation, snapshot.incident, key)
    return content.content_hash(org_toml, incident_toml, key, texts)


def document_info(row: DocumentRow) -> DocumentInfo:
    """The record of a document row, as the workflow's functions return it."""
    return DocumentInfo(row.id, row.incident_id, row.kind, row.site or None,
                        tuple(row.languages.split(",")), row.number, DocumentState(row.state),
                        row.version, row.sha256, row.submitted_sha256, row.submitted_by,
                        row.submitted_at, row.approved_version, row.approved_by,
                        row.approved_at, row.comment)


def state_counts(session: Session) -> dict[int, dict[str, int]]:
    """Per incident, how many of its current documents are in each state."""
    counts: dict[int, Counter[str]] = {}
    query = (select(DocumentRow.incident_id, DocumentRow.state, func.count())
             .where(DocumentRow.is_current).group_by(DocumentRow.incident_id, DocumentRow.state))
    for incident_id, state, count in session.execute(query):
        counts.setdefault(incident_id, Counter())[state] = count
    return {key: dict(value) for key, value in counts.items()}


def documents(store: Store, incident_id: int, site: str | None = None) -> list[DocumentInfo]:
    """The incident's documents; with ``site``, those for that site and those for every site."""
    query = (select(DocumentRow).where(DocumentRow.incident_id == incident_id,
                                       DocumentRow.is_current).order_by(DocumentRow.id))
    if site is not None:
        query = query.where(DocumentRow.site.in_(("", site)))
    with store.reading() as session:
        lookups.incident_row(session, incident_id)
        return [document_info(row) for row in session.scalars(query)]


def document(store: Store, document_id: int) -> DocumentInfo:
    """One document."""
    with store.reading() as session:
        return document_info(lookups.document_row(session, document_id))


def awaiting_approval(store: Store, incident_id: int | None = None) -> list[DocumentInfo]:
    """The documents submitted and waiting for a manager."""
    query = (select(DocumentRow)
             .where(DocumentRow.state == DocumentState.SUBMITTED, DocumentRow.is_current)
             .order_by(DocumentRow.incident_id, DocumentRow.id))
    if incident_id is not None:
        query = query.where(DocumentRow.incident_id == incident_id)
    with store.reading() as session:
        return [document_info(row) for row in session.scalars(query)]


def document_texts(store: Store, document_id: int, version: int | None = None
                   ) -> dict[str, str]:
    """What the document says in each language, at a version (the newest by default)."""
    with store.reading() as session:
        row = lookups.document_row(session, document_id)
        snapshot = lookups.snapshot(session, lookups.incident_row(session, row.incident_id),
                                    version or row.version)
    return content.document_texts(snapshot.organisation, snapshot.incident,
                                  lookups.document_key(row))


def document_diff(store: Store, document_id: int, old_version: int,
                  new_version: int | None = None) -> dict[str, str]:
    """Per language, a unified diff of the document between two versions ("" if unchanged)."""
    with store.reading() as session:
        row = lookups.document_row(session, document_id)
        new_version = new_version or row.version
        incident_row = lookups.incident_row(session, row.incident_id)
        old = lookups.snapshot(session, incident_row, old_version)
        new = lookups.snapshot(session, incident_row, new_version)
    key = lookups.document_key(row)
    old_texts = content.document_texts(old.organisation, old.incident, key)
    new_texts = content.document_texts(new.organisation, new.incident, key)
    return {code: content.text_diff(old_texts[code], new_texts[code],
                                    f"{row.number} v{old_version} ({code})",
                                    f"{row.number} v{new_version} ({code})")
            for code in key.languages}


def changes_since_approval(store: Store, document_id: int) -> dict[str, str] | None:
    """What changed since the document was last approved; None if it never was."""
    with store.reading() as session:
        row = lookups.document_row(session, document_id)
        approved = session.scalars(
            select(ApprovalRow.incident_version)
            .where(ApprovalRow.document_id == document_id,
                   ApprovalRow.decision == Decision.APPROVED)
            .order_by(ApprovalRow.id.desc())).first()
        current = row.version
    if approved is None:
        return None
    return document_diff(store, document_id, approved, current)
