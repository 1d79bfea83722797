"""Sealed hash chains over the approval records, the audit log and the records of people.

Each new row carries the seal of the row before it and the seal of its own
content (which includes that link): an HMAC-SHA-256 under the history key,
which lives in a file outside the database (``crisis_desk.store.seals``). So
changing, removing or re-ordering a row breaks the chain at that row, whoever
did it and however (a dropped trigger, a direct UPDATE), and someone with only
SQL access cannot forge a row that verifies: recomputing the hashes needs the
key. ``verify`` walks the chains and names the first broken row; a document
whose approval comes at or after a break no longer prints as approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crisis_desk.i18n import _
from crisis_desk.store import seals
from crisis_desk.store.errors import StorageError
from crisis_desk.store.tables import (
    APPEND_ONLY_TABLES,
    USERS_TRIGGERS,
    ApprovalRow,
    AuditRow,
    UserRecordRow,
)

GENESIS = seals.GENESIS
CHAIN_LOCK = 0x43_48_41_49  # PostgreSQL advisory lock: one writer extends a chain at a time

ChainedRow = ApprovalRow | AuditRow | UserRecordRow
CHAINED: tuple[type[ChainedRow], ...] = (ApprovalRow, AuditRow, UserRecordRow)


@dataclass(frozen=True)
class Break:
    """The first row of a table where the chain does not hold, and why."""

    table: str
    row_id: int
    reason: str


def _fields(row: ChainedRow) -> list[str]:
    return seals.sealed_fields(type(row).__tablename__, lambda column: getattr(row, column))


def row_hash(row: ChainedRow, previous: str, key: bytes) -> str:
    """The seal of a row's content and of the link to the row before it."""
    return seals.seal(key, type(row).__tablename__, previous, _fields(row))


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
    row.row_sha256 = row_hash(row, row.prev_sha256, seals.database_key(session))
    session.add(row)
    session.flush()


def first_break(session: Session, table: type[ChainedRow]) -> Break | None:
    """Walk one table's chain from its first row; the first row where it fails."""
    name = table.__tablename__
    key = seals.database_key(session)
    previous: ChainedRow | None = None
    for found in session.scalars(select(table).order_by(table.id)):
        row = cast(ChainedRow, found)
        reason = _row_problem(row, previous, key)
        if reason:
            return Break(name, row.id, reason)
        previous = row
    return None


def _row_problem(row: ChainedRow, previous: ChainedRow | None, key: bytes) -> str:
    if row.row_sha256 is None:
        return _("it carries no seal")
    if previous is not None and row.id != previous.id + 1:
        return _("the rows %(first)s to %(last)s are missing") % {
            "first": previous.id + 1, "last": row.id - 1}
    if previous is None and row.id != 1:
        return _("the rows %(first)s to %(last)s are missing") % {"first": 1, "last": row.id - 1}
    expected = (previous.row_sha256 or GENESIS) if previous is not None else GENESIS
    if row.prev_sha256 != expected:
        return _("it does not link to the row before it")
    if row_hash(row, row.prev_sha256, key) == row.row_sha256:
        return ""
    if seals.plain_hash(type(row).__tablename__, row.prev_sha256, _fields(row)) \
            == row.row_sha256:
        return _("it was forged: its hash was computed without the history key")
    return _("its content was changed after it was written")


def missing_triggers(session: Session) -> list[str]:
    """The append-only triggers that should exist and do not (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "sqlite":
        query = text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        expected = [f"{t}_no_{event}" for t in APPEND_ONLY_TABLES for event in ("update", "delete")]
        expected += USERS_TRIGGERS
    else:
        query = text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'")
        expected = [f"{t}_{what}" for t in APPEND_ONLY_TABLES
                    for what in ("append_only", "no_truncate")] + list(USERS_TRIGGERS)
    present = set(session.scalars(query))
    return [name for name in expected if name not in present]


def verify(session: Session) -> list[str]:
    """Everything wrong with the history, one sentence each; empty when it holds."""
    problems = [_("The protection %(name)s of the history is missing or disabled.")
                % {"name": name} for name in missing_triggers(session)]
    try:
        seals.database_key(session)
    except StorageError as exc:  # without the key no seal can be checked
        return [*problems, str(exc)]
    for table in CHAINED:
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
    try:
        found = first_break(session, ApprovalRow)
    except StorageError as exc:  # the desk lacks the key: nothing can be shown as approved
        return str(exc)
    if found is None:
        return ""
    last = session.scalar(select(func.max(ApprovalRow.id))
                          .where(ApprovalRow.document_id == document_id))
    if last is None or last < found.row_id:
        return ""
    return _("The approval records are damaged from record %(id)s on (see crisis-desk "
             "verify): this document prints as a draft.") % {"id": found.row_id}
