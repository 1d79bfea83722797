"""What is approved: the one answer the manager's view, the reception desk and printing read.

A document is approved only through a manager's approval record, never through
a column of its row: the live approval is the document's last "approved"
decision, and it holds only while the version it approved still renders to
exactly the hash the manager approved (a changed override template, profile,
catalog or program output breaks it, and says so). It stays live while a newer
version of the document is a draft or awaits approval, so the desk can keep
printing what was approved until its successor is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.desk import chains, content, lookups
from crisis_desk.desk.records import Snapshot
from crisis_desk.desk.states import Decision, DocumentState
from crisis_desk.i18n import _
from crisis_desk.rendering.request import ApprovalMark, EarlierApproval, RenderRequest
from crisis_desk.store.tables import ApprovalRow, DocumentRow, IncidentRow
from crisis_desk.support.errors import CrisisDeskError


@dataclass(frozen=True)
class Standing:
    """Where a document stands: its current content's state and the approval still in force."""

    state: DocumentState  # of the current content
    current_sha256: str | None  # None: the current version cannot be rendered
    live: ApprovalRow | None  # the approval that still holds, maybe of an older version
    problem: str  # why the last approval no longer holds; "" when it holds or there is none
    earlier: tuple[EarlierApproval, ...] = ()  # the approvals before the live one

    def mark(self, number: str) -> ApprovalMark | None:
        """What an approved print of the live version carries."""
        if self.live is None:
            return None
        return ApprovalMark(number, self.live.incident_version, self.live.user_name,
                            self.live.at, self.live.id, self.earlier)


def version_hash(session: Session, snapshot: Snapshot, key: content.DocumentKey) -> str:
    """The content hash of one document at one version, rendered now."""
    return content.rendered_hash(version_request(session, snapshot, key))


def version_request(session: Session, snapshot: Snapshot, key: content.DocumentKey
                    ) -> content.KeyedRequest:
    """The (unmarked) render request of a document at one version, with its history."""
    incident_row = lookups.incident_row(session, snapshot.incident_id)
    history = lookups.history(session, incident_row, snapshot.version,
                              snapshot.incident.update)
    return content.document_request(snapshot.organisation, snapshot.incident, key, history)


def last_approval(session: Session, document_id: int) -> ApprovalRow | None:
    """The document's last "approved" decision, whether or not it still holds."""
    return session.scalars(
        select(ApprovalRow).where(ApprovalRow.document_id == document_id,
                                  ApprovalRow.decision == Decision.APPROVED)
        .order_by(ApprovalRow.id.desc())).first()


def standing(session: Session, row: DocumentRow, *, render: bool = False) -> Standing:
    """Derive the document's state from its approval records and its content rendered now.

    "Rendered now" by this desk's renderer: the hash stored with the row when the
    renderer that made it has this desk's fingerprint (the same bytes), else rendered
    here. ``render`` always renders: what is printed or exported with an approval mark
    rests on this desk's own rendering, never on a value read from the database.
    """
    key = lookups.document_key(row)
    incident_row = lookups.incident_row(session, row.incident_id)
    snapshot = lookups.snapshot(session, incident_row, row.version)
    current = _hash_or_none(session, snapshot, key) if render \
        else _current_hash(session, snapshot, key, row)
    live, problem = None, ""
    approval = last_approval(session, row.id) if row.is_current else None
    if approval is not None:
        broken = chains.document_problem(session, row.id)
        if broken:
            problem = broken
        elif not _reads_as_approved(session, snapshot, key, approval, current, render):
            problem = _("Version %(version)s of document %(number)s no longer reads as it was "
                        "approved (a template, the profile, a translation or the program "
                        "changed it): it prints as a draft until it is approved again.") % {
                "version": approval.incident_version, "number": row.number}
        else:
            live = approval
    earlier = _earlier_approvals(session, incident_row, live) if live is not None else ()
    return Standing(_state(row, current, live), current, live, problem, earlier)


def _current_hash(session: Session, snapshot: Snapshot, key: content.DocumentKey,
                  row: DocumentRow) -> str | None:
    """The row's version's hash: as stored by a renderer like this desk's, else rendered."""
    renderer = content.renderer_fingerprint(content.template_dirs(snapshot.organisation))
    if row.sha256 is not None and row.sha256_renderer == renderer:
        return row.sha256
    return _hash_or_none(session, snapshot, key)


def _reads_as_approved(session: Session, snapshot: Snapshot, key: content.DocumentKey,
                       approval: ApprovalRow, current: str | None, render: bool) -> bool:
    """Whether the approved version still reads as approved, by this desk's renderer.

    The current version's hash serves when it is the approved one; an older version's
    is the approval's own when the renderer that found it has this desk's fingerprint.
    """
    if approval.incident_version == snapshot.version:
        return current == approval.sha256
    renderer = content.renderer_fingerprint(content.template_dirs(snapshot.organisation))
    if not render and approval.sha256_renderer == renderer:
        return True
    incident_row = lookups.incident_row(session, snapshot.incident_id)
    approved = lookups.snapshot(session, incident_row, approval.incident_version)
    return _hash_or_none(session, approved, key) == approval.sha256


def _earlier_approvals(session: Session, incident_row: IncidentRow, live: ApprovalRow
                       ) -> tuple[EarlierApproval, ...]:
    rows = session.scalars(select(ApprovalRow).where(
        ApprovalRow.document_id == live.document_id, ApprovalRow.decision == Decision.APPROVED,
        ApprovalRow.id < live.id).order_by(ApprovalRow.id))
    return tuple(EarlierApproval(row.id, lookups.version_row(
        session, incident_row.id, row.incident_version).update_number, row.at) for row in rows)


def _state(row: DocumentRow, current: str | None, live: ApprovalRow | None) -> DocumentState:
    if current is not None and row.state == DocumentState.SUBMITTED \
            and row.submitted_sha256 == current:
        return DocumentState.SUBMITTED
    if current is not None and live is not None and live.sha256 == current:
        return DocumentState.APPROVED
    return DocumentState.DRAFT


def _hash_or_none(session: Session, snapshot: Snapshot, key: content.DocumentKey) -> str | None:
    try:
        return version_hash(session, snapshot, key)
    except CrisisDeskError:  # e.g. a broken override template: nothing can be approved
        return None


def print_request(session: Session, row: DocumentRow, current: bool = False) -> RenderRequest:
    """What to render for a document: the live approved version with its mark, or a draft.

    ``current`` renders the newest version instead (what the manager reviews): with
    the mark only when that version is itself the approved content.
    """
    found = standing(session, row, render=True)
    incident_row = lookups.incident_row(session, row.incident_id)
    key = lookups.document_key(row)
    if found.live is not None and not current:
        version = found.live.incident_version
        mark = found.mark(row.number)
    else:
        version = row.version
        mark = found.mark(row.number) if found.state == DocumentState.APPROVED else None
    snapshot = lookups.snapshot(session, incident_row, version)
    request = version_request(session, snapshot, key)
    return RenderRequest(request.organisation, request.incident, request.languages,
                         request.site, mark, request.template_dirs, request.history)
