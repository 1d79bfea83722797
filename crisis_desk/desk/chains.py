"""Hash chains over the approval records and the audit log, and their verification.

Each new row carries the hash of the row before it and the hash of its own
content (which includes that link), so changing, removing or re-ordering a row
breaks the chain at that row, whoever did it and however (a dropped trigger, a
direct UPDATE). Rows written before the chains existed have no hashes: they are
accepted only before the first chained row. ``verify`` walks both chains and
names the first broken row; a document whose approval comes at or after a break
no longer prints as approved.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.tables import APPEND_ONLY_TABLES, ApprovalRow, AuditRow

GENESIS = "0" * 64
CHAIN_LOCK = 0x43_48_41_49  # PostgreSQL advisory lock: one writer extends a chain at a time

ChainedRow = ApprovalRow | AuditRow


@dataclass(frozen=True)
class Break:
    """The first row of a table where the chain does not hold, and why."""

    table: str
    row_id: int
    reason: str


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _fields(row: ChainedRow) -> list[str]:
    if isinstance(row, ApprovalRow):
        return [str(row.id), str(row.document_id), row.decision, str(row.incident_version),
                row.sha256, str(row.user_id), row.user_name, _moment(row.at), row.comment]
    return [str(row.id), _moment(row.at), str(row.actor_id), row.actor_name, row.actor_role,
            row.action, str(row.incident_id), str(row.document_id), row.detail]


def row_hash(row: ChainedRow, previous: str) -> str:
    """The hash of a row's content and of the link to the row before it."""
    digest = hashlib.sha256()
    for value in [type(row).__tablename__, previous, *_fields(row)]:
        data = value.encode("utf-8")
        digest.update(f"{len(data)}\n".encode())  # length-prefixed: no two rows collide
        digest.update(data)
    return digest.hexdigest()


def append(session: Session, row: ChainedRow) -> None:
    """Give a new row its id and its place at the end of its table's chain, and add it."""
    table = type(row)
    if session.get_bind().dialect.name == "postgresql":
        # Two desks appending at once would fork the chain: they queue up instead.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    session.flush()
    last = cast(ChainedRow | None, session.scalars(
        select(table).order_by(table.id.desc()).limit(1)).first())
    row.id = (last.id if last else 0) + 1
    row.prev_sha256 = (last.row_sha256 or GENESIS) if last else GENESIS
    row.row_sha256 = row_hash(row, row.prev_sha256)
    session.add(row)
    session.flush()


def first_break(session: Session, table: type[ChainedRow]) -> Break | None:
    """Walk one table's chain from its first row; the first row where it fails."""
    name = table.__tablename__
    previous: ChainedRow | None = None
    for found in session.scalars(select(table).order_by(table.id)):
        row = cast(ChainedRow, found)
        reason = _row_problem(row, previous)
        if reason:
            return Break(name, row.id, reason)
        previous = row
    return None


def _row_problem(row: ChainedRow, previous: ChainedRow | None) -> str:
    if row.row_sha256 is None:
        if previous is not None and previous.row_sha256 is not None:
            return _("it carries no hash after the chain began")
        return ""  # written before the chains existed
    if previous is not None and row.id != previous.id + 1:
        return _("the rows %(first)s to %(last)s are missing") % {
            "first": previous.id + 1, "last": row.id - 1}
    expected = (previous.row_sha256 or GENESIS) if previous is not None else GENESIS
    if row.prev_sha256 != expected:
        return _("it does not link to the row before it")
    if row_hash(row, row.prev_sha256) != row.row_sha256:
        return _("its content was changed after it was written")
    return ""


def missing_triggers(session: Session) -> list[str]:
    """The append-only triggers that should exist and do not (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "sqlite":
        query = text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        expected = [f"{t}_no_{event}" for t in APPEND_ONLY_TABLES for event in ("update", "delete")]
    else:
        query = text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'")
        expected = [f"{t}_{what}" for t in APPEND_ONLY_TABLES
                    for what in ("append_only", "no_truncate")]
    present = set(session.scalars(query))
    return [name for name in expected if name not in present]


def verify(session: Session) -> list[str]:
    """Everything wrong with the history, one sentence each; empty when it holds."""
    problems = [_("The protection %(name)s of the history is missing or disabled.")
                % {"name": name} for name in missing_triggers(session)]
    for table in (ApprovalRow, AuditRow):
        found = first_break(session, table)
        if found is not None:
            problems.append(_("Table %(table)s is broken at row %(id)s: %(reason)s.")
                            % {"table": found.table, "id": found.row_id,
                               "reason": found.reason})
    problems += _approvals_without_audit(session)
    return problems


def _approvals_without_audit(session: Session) -> list[str]:
    """Every approval decision is also in the audit log; one that is not was slipped in."""
    logged = session.scalar(select(func.count()).select_from(AuditRow)
                            .where(AuditRow.action.in_(("approve", "send_back"))))
    decided = session.scalar(select(func.count()).select_from(ApprovalRow)
                             .where(ApprovalRow.row_sha256.is_not(None)))
    if (decided or 0) > (logged or 0):
        return [_("There are more approval records (%(approvals)s) than decisions in the "
                  "audit log (%(logged)s).") % {"approvals": decided, "logged": logged}]
    return []


def document_problem(session: Session, document_id: int) -> str:
    """Why the document's approvals cannot be trusted; "" when their chain holds."""
    found = first_break(session, ApprovalRow)
    if found is None:
        return ""
    last = session.scalar(select(func.max(ApprovalRow.id))
                          .where(ApprovalRow.document_id == document_id))
    if last is None or last < found.row_id:
        return ""
    return _("The approval records are damaged from record %(id)s on (see crisis-desk "
             "verify): this document prints as a draft.") % {"id": found.row_id}


def verify_history(store: Store) -> list[str]:
    """Check the approval and audit chains and the triggers: what is wrong, or nothing."""
    with store.reading() as session:
        return verify(session)
