"""Approval: a communication officer submits, a manager approves with their PIN or sends back.

An approval is bound to the SHA-256 of exactly what the reader gets in every
language, as rendered (see ``crisis_desk.desk.content``): if the stored content
no longer gives that hash, the approval is refused. Each decision is an
append-only, hash-chained record (``crisis_desk.desk.chains``); whether a
document is approved is derived from those records (``crisis_desk.desk.standing``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.checking import check, has_errors
from crisis_desk.desk import audit, chains, content, lookups, standing, tracking
from crisis_desk.desk.errors import CheckFailed, ContentChanged, InvalidValue, NotFound, WrongState
from crisis_desk.desk.people import authorise, confirm_pin
from crisis_desk.desk.records import Actor, DocumentInfo, Snapshot
from crisis_desk.desk.states import AuditAction, Decision, DocumentState
from crisis_desk.desk.versioning import newer_version
from crisis_desk.domain.roles import Role
from crisis_desk.i18n import _
from crisis_desk.rendering.obligations import gaps
from crisis_desk.store.database import Store
from crisis_desk.store.tables import ApprovalRow, DocumentRow

MAX_COMMENT_LENGTH = 4000


def submit(store: Store, actor: Actor, incident_id: int, version: int,
           document_ids: Iterable[int] | None = None) -> list[DocumentInfo]:
    """Submit the drafts of version ``version`` (all of them, or those given) for approval.

    Refused while the checker finds errors, and when a newer version was saved.
    """
    with store.writing() as session:
        actor = authorise(session, actor, (Role.COMMS,),
                          _("Only a communication officer can submit documents for approval."))
        row = lookups.incident_row(session, incident_id)
        if row.latest_version != version:
            raise newer_version(session, row, version)
        snapshot = lookups.snapshot(session, row, version)
        problems = check(snapshot.organisation, snapshot.incident)
        if has_errors(problems):
            count = sum(p.severity == "error" for p in problems)
            raise CheckFailed(_("Fix the errors the checker lists before submitting the "
                                "incident for approval (errors: %(count)d).")
                              % {"count": count}, problems)
        submitted = []
        for doc in _selected_documents(session, incident_id, document_ids):
            found = standing.standing(session, doc)
            if found.state in (DocumentState.SUBMITTED, DocumentState.APPROVED):
                continue  # awaiting a manager, or approved exactly as it reads now
            sha256 = tracking.hash_now(session, snapshot, lookups.document_key(doc))
            doc.state, doc.submitted_sha256 = DocumentState.SUBMITTED, sha256
            doc.submitted_at, doc.submitted_by = store.now(), actor.name
            audit.record(session, store, actor, AuditAction.SUBMIT, incident_id=incident_id,
                         document_id=doc.id, detail=f"{doc.number} version {version}")
            session.flush()
            submitted.append(tracking.document_info(session, doc))
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
            reviewed_sha256: str | None) -> DocumentInfo:
    """A manager approves, with their PIN, exactly the content they reviewed.

    ``reviewed_sha256`` is the ``submitted_sha256`` of the document as the manager
    read it; if the document changed since, or the stored content no longer
    gives that hash, the approval is refused (``ContentChanged``). None (the
    manager read no submitted content) is always refused.
    """
    return approve_many(store, actor, pin, {document_id: reviewed_sha256})[0]


def approve_many(store: Store, actor: Actor, pin: str,
                 reviewed: Mapping[int, str | None]) -> list[DocumentInfo]:
    """Approve several documents with one PIN: all of them, or none if one is refused.

    ``reviewed`` maps each document id to the ``submitted_sha256`` the manager read.
    """
    refusal = _("Only a manager can approve a document.")
    with store.reading() as session:
        actor = authorise(session, actor, (Role.MANAGER,), refusal)
    confirm_pin(store, actor.user_id, pin)
    with store.writing() as session:
        actor = authorise(session, actor, (Role.MANAGER,), refusal)
        return [_approve_row(session, store, actor, document_id, sha256)
                for document_id, sha256 in reviewed.items()]


def _approve_row(session: Session, store: Store, actor: Actor, document_id: int,
                 reviewed_sha256: str | None) -> DocumentInfo:
    row = _submitted_document(session, document_id)
    snapshot = lookups.snapshot(session, lookups.incident_row(session, row.incident_id),
                                row.version)
    renderer = _renders_as_reviewed(session, snapshot, row, reviewed_sha256)
    missing = gaps(row.kind, snapshot.organisation, snapshot.incident)
    if missing:  # only this document: the incident's others stay approvable
        raise WrongState(_("Document %(number)s still has items marked “to be completed” "
                           "(%(items)s): it cannot be approved until they are given.")
                         % {"number": row.number, "items": ", ".join(missing)})
    now = store.now()
    row.state, row.approved_sha256, row.approved_version = DocumentState.APPROVED, \
        row.submitted_sha256, row.version
    row.approved_at, row.approved_by, row.comment = now, actor.name, ""
    chains.append(session, ApprovalRow(
        document_id=row.id, decision=Decision.APPROVED, incident_version=row.version,
        sha256=row.submitted_sha256, sha256_renderer=renderer, user_id=actor.user_id,
        user_name=actor.name, at=now, comment=""))
    audit.record(session, store, actor, AuditAction.APPROVE, incident_id=row.incident_id,
                 document_id=row.id,
                 detail=f"{row.number} version {row.version} sha256 {row.submitted_sha256}")
    return tracking.document_info(session, row)


def _renders_as_reviewed(session: Session, snapshot: Snapshot, row: DocumentRow,
                         reviewed_sha256: str | None) -> str | None:
    """Refuse unless the manager read the submitted content and it renders so now.

    Returns the fingerprint of the renderer that rendered it (None if a template
    changed meanwhile), which the approval records.
    """
    if reviewed_sha256 is not None and reviewed_sha256 == row.submitted_sha256:
        rendered, renderer = content.vouched(
            content.template_dirs(snapshot.organisation),
            lambda: tracking.hash_now(session, snapshot, lookups.document_key(row)))
        if rendered == row.submitted_sha256:
            return renderer
    raise ContentChanged(_("Document %(number)s changed since it was submitted or since "
                           "you read it; read it again before approving.")
                         % {"number": row.number})


def send_back(store: Store, actor: Actor, document_id: int, comment: str) -> DocumentInfo:
    """A manager returns a submitted document to draft, saying what to change."""
    comment = comment.strip()
    if not comment:
        raise InvalidValue(_("Say what should change: a document is sent back with a comment."))
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidValue(_("The comment is too long (at most %(count)d characters).")
                           % {"count": MAX_COMMENT_LENGTH})
    with store.writing() as session:
        actor = authorise(session, actor, (Role.MANAGER,),
                          _("Only a manager can send a document back."))
        row = _submitted_document(session, document_id)
        row.state, row.comment = DocumentState.DRAFT, comment
        chains.append(session, ApprovalRow(
            document_id=row.id, decision=Decision.SENT_BACK, incident_version=row.version,
            sha256=row.submitted_sha256 or "", user_id=actor.user_id, user_name=actor.name,
            at=store.now(), comment=comment))
        audit.record(session, store, actor, AuditAction.SEND_BACK, incident_id=row.incident_id,
                     document_id=row.id, detail=f"{row.number} version {row.version}: {comment}")
        return tracking.document_info(session, row)


def _submitted_document(session: Session, document_id: int) -> DocumentRow:
    row = lookups.document_row(session, document_id)
    state = standing.standing(session, row).state if row.is_current else DocumentState.DRAFT
    if state == DocumentState.APPROVED:
        raise WrongState(_("Document %(number)s is already approved.") % {"number": row.number})
    if row.state != DocumentState.SUBMITTED or not row.is_current:
        raise WrongState(_("Document %(number)s is a draft: it has not been submitted for "
                           "approval.") % {"number": row.number})
    return row
