"""Document tracking: each document's row, number, state and content hash.

The rows are kept in step with the incident's versions (a document whose content
changed goes back to draft; the others keep their state), and the queries here
list, read and compare the documents. A row's state column only says whether it
was submitted: whether it is approved comes from its approval records.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.checking import check, is_fatal
from crisis_desk.desk import content, lookups, standing
from crisis_desk.desk.records import DocumentInfo, Snapshot
from crisis_desk.desk.states import DocumentState
from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.tables import DocumentRow
from crisis_desk.support.errors import CrisisDeskError


def refresh_documents(session: Session, snapshot: Snapshot) -> list[str]:
    """Match the document rows to a new version; returns the numbers sent back to draft.

    Only a document whose content changed goes back to draft: each is compared
    with the content its submission or approval is bound to.
    """
    org, incident = snapshot.organisation, snapshot.incident
    keys = content.document_keys(org, incident)
    hashes, renderer = content.vouched(content.template_dirs(org),
                                       lambda: _content_hashes(session, snapshot, keys))
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
        elif row.state != DocumentState.DRAFT and _bound_hash(session, row) != hashes[key]:
            row.state = DocumentState.DRAFT
            returned.append(row.number)
        row.is_current, row.version, row.sha256 = True, snapshot.version, hashes[key]
        # which renderer made the hash: a desk with the same one need not render it again
        row.sha256_renderer = renderer if hashes[key] is not None else None
    for row in rows.values():  # its site or language is gone from the incident
        row.is_current, row.state = False, DocumentState.DRAFT
    return returned


def _bound_hash(session: Session, row: DocumentRow) -> str | None:
    """The hash the document's submission or last approval is bound to."""
    if row.state == DocumentState.SUBMITTED:
        return row.submitted_sha256
    approval = standing.last_approval(session, row.id)
    return approval.sha256 if approval is not None else None


def _content_hashes(session: Session, snapshot: Snapshot, keys: list[content.DocumentKey]
                    ) -> dict[content.DocumentKey, str | None]:
    """Each document's content hash, or None while the incident cannot be rendered."""
    org, incident = snapshot.organisation, snapshot.incident
    if is_fatal(check(org, incident, render_checks=False)):
        return dict.fromkeys(keys)
    try:
        return {key: standing.version_hash(session, snapshot, key) for key in keys}
    except CrisisDeskError:  # e.g. a broken organisation template: fixed before submission
        return dict.fromkeys(keys)


def hash_now(session: Session, snapshot: Snapshot, key: content.DocumentKey) -> str:
    """Recompute a document's hash from what is stored, right now."""
    return standing.version_hash(session, snapshot, key)


def document_info(session: Session, row: DocumentRow) -> DocumentInfo:
    """The record of a document, its state derived from its approvals (see ``standing``)."""
    found = standing.standing(session, row)
    live = found.live
    return DocumentInfo(row.id, row.incident_id, row.kind, row.site or None,
                        tuple(row.languages.split(",")), row.number, found.state,
                        row.version, found.current_sha256, row.submitted_sha256,
                        row.submitted_by, row.submitted_at,
                        live.incident_version if live else None,
                        live.user_name if live else None, live.at if live else None,
                        row.comment, found.problem)


def state_counts(session: Session) -> dict[int, dict[str, int]]:
    """Per incident, how many of its current documents are in each state."""
    counts: dict[int, Counter[str]] = {}
    for row in session.scalars(select(DocumentRow).where(DocumentRow.is_current)):
        found = standing.standing(session, row)
        counts.setdefault(row.incident_id, Counter())[found.state] += 1
    return {key: dict(value) for key, value in counts.items()}


def documents(store: Store, incident_id: int, site: str | None = None) -> list[DocumentInfo]:
    """The incident's documents; with ``site``, those for that site and those for every site."""
    query = (select(DocumentRow).where(DocumentRow.incident_id == incident_id,
                                       DocumentRow.is_current).order_by(DocumentRow.id))
    if site is not None:
        query = query.where(DocumentRow.site.in_(("", site)))
    with store.reading() as session:
        lookups.incident_row(session, incident_id)
        return [document_info(session, row) for row in session.scalars(query)]


def document(store: Store, document_id: int) -> DocumentInfo:
    """One document."""
    with store.reading() as session:
        return document_info(session, lookups.document_row(session, document_id))


def awaiting_approval(store: Store, incident_id: int | None = None) -> list[DocumentInfo]:
    """The documents submitted and waiting for a manager (still as they were submitted)."""
    query = (select(DocumentRow)
             .where(DocumentRow.state == DocumentState.SUBMITTED, DocumentRow.is_current)
             .order_by(DocumentRow.incident_id, DocumentRow.id))
    if incident_id is not None:
        query = query.where(DocumentRow.incident_id == incident_id)
    with store.reading() as session:
        infos = [document_info(session, row) for row in session.scalars(query)]
    return [info for info in infos if info.state == DocumentState.SUBMITTED]


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
    """What changed since the document was last approved; None if it never was.

    Per language, a diff of its text; when the text is the same but the document
    reads differently (a template, the layout or a translation changed it), a
    sentence says so instead of an empty diff.
    """
    with store.reading() as session:
        row = lookups.document_row(session, document_id)
        approval = standing.last_approval(session, document_id)
        found = standing.standing(session, row)
        current = row.version
    if approval is None:
        return None
    diffs = document_diff(store, document_id, approval.incident_version, current)
    if found.current_sha256 != approval.sha256 and not any(diffs.values()):
        note = _("The text is the same as in approved version %(version)s, but the document "
                 "does not read the same: a template, its layout or a translation changed."
                 ) % {"version": approval.incident_version}
        return dict.fromkeys(diffs, note + "\n")
    return diffs
