"""The append-only audit log: the one function that writes a line, and the log's query.

No code path updates or deletes a line; the store refuses it too (see
``crisis_desk.store.database``), and each line is hash-chained to the one before
(see ``crisis_desk.desk.chains``).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.desk import chains
from crisis_desk.desk.records import Actor, AuditEntry
from crisis_desk.desk.states import AuditAction
from crisis_desk.store.database import Store
from crisis_desk.store.tables import AuditRow


def record(session: Session, store: Store, actor: Actor, action: AuditAction, *,
           incident_id: int | None = None, document_id: int | None = None,
           detail: str = "") -> None:
    """Append one line to the audit log (the only way the code touches it)."""
    chains.append(session, AuditRow(at=store.now(), actor_id=actor.user_id,
                                    actor_name=actor.name, actor_role=actor.role, action=action,
                                    incident_id=incident_id, document_id=document_id,
                                    detail=detail))


def audit_log(store: Store, incident_id: int | None = None) -> list[AuditEntry]:
    """The audit log, oldest first (for one incident, or all of it)."""
    query = select(AuditRow).order_by(AuditRow.id)
    if incident_id is not None:
        query = query.where(AuditRow.incident_id == incident_id)
    with store.reading() as session:
        return [AuditEntry(row.id, row.at, row.actor_name, row.actor_role, row.action,
                           row.incident_id, row.document_id, row.detail)
                for row in session.scalars(query)]


def last_change(store: Store) -> int:
    """The number of the newest audit line (0 for none): it grows with every action.

    Every save, submission, approval, sending back and print is audited, so a
    desk that sees this number grow knows another desk (or itself) did something;
    it is one cheap query, fit to ask every second.
    """
    with store.reading() as session:
        return session.scalar(select(func.max(AuditRow.id))) or 0
