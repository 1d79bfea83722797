"""The records of people: every change to an account is a sealed record of its whole state.

A person is added, changes role, is deactivated or reactivated, has their PIN
reset or upgraded: each is appended to ``user_records`` (name, role, state and
PIN hash after the change), sealed in a chain like the approvals
(``crisis_desk.desk.chains``). The ``users`` row is a working copy that must
always equal its person's last record; a trigger refuses other changes where
the database allows it, and the desk trusts an account only while its row
matches a record whose chain holds. So ``UPDATE users SET role = 'manager'``
makes nobody a manager: at best it makes the account unusable, and says why.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_desk.desk import chains
from crisis_desk.desk.errors import NotAllowed
from crisis_desk.desk.records import Actor
from crisis_desk.desk.states import AuditAction, PersonChange
from crisis_desk.domain.roles import Role
from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.tables import (
    AuditRow,
    UserRecordRow,
    UserRow,
)

RECORDED_STATE = ("name", "role", "active", "pin_hash")
PEOPLE_ACTIONS = (AuditAction.USER_ADD, AuditAction.USER_ROLE, AuditAction.USER_DEACTIVATE,
                  AuditAction.USER_REACTIVATE, AuditAction.USER_PIN_RESET)
RECORD_MARK = re.compile(r"\(record #(\d+)\)$")  # how an audit line names its record


def name_key(name: str) -> str:
    """What two names must share to be the same person's: Unicode case folding over NFC.

    The same on every database (SQLite's ``lower()`` knows only ASCII): "Élodie",
    "ÉLODIE" and an "E" followed by a combining accent are one name; "Strauß" is
    "STRAUSS".
    """
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFC", folded)


def audit_detail(text: str, record: UserRecordRow) -> str:
    """An audit line's detail naming the record it logs (``verify`` checks it exists)."""
    return f"{text} (record #{record.id})"


def record(session: Session, store: Store, user: UserRow, change: PersonChange,
           by: Actor | None, **state: object) -> UserRecordRow:
    """Record a change to ``user`` (their state after it), then apply it to their row.

    The record comes first: the database lets the row take only a recorded state.
    """
    values = {column: getattr(user, column) for column in RECORDED_STATE} | state
    row = UserRecordRow(user_id=user.id, change=change, at=store.now(),
                        actor_id=by.user_id if by else user.id,
                        actor_name=by.name if by else user.name, **values)
    chains.append(session, row)
    for column, value in state.items():
        setattr(user, column, value)
    session.flush()
    return row


def latest_record(session: Session, user_id: int) -> UserRecordRow | None:
    """The person's last record: what their row must hold."""
    return session.scalars(select(UserRecordRow).where(UserRecordRow.user_id == user_id)
                           .order_by(UserRecordRow.id.desc()).limit(1)).first()


def row_problem(session: Session, user: UserRow) -> str:
    """How the row differs from its person's last record; "" when it matches."""
    latest = latest_record(session, user.id)
    if latest is None:
        return _("no record of this account exists")
    changed = [column for column in RECORDED_STATE
               if getattr(user, column) != getattr(latest, column)]
    if user.name_key != name_key(user.name):
        changed.append("name_key")
    if changed:
        return _("its row no longer matches its record %(id)s (%(columns)s changed outside "
                 "the desk)") % {"id": latest.id, "columns": ", ".join(changed)}
    return ""


def person_problem(session: Session, user: UserRow,
                   broken: chains.Break | None = None, *, walked: bool = False) -> str:
    """Why the account cannot be trusted; "" when its row matches a record that holds.

    A break anywhere in the chain also stops every manager: a removed or forged
    record may be the one that took a manager's role away.
    """
    problem = row_problem(session, user)
    if problem:
        return problem
    if not walked:
        broken = chains.first_break(session, UserRecordRow)
    latest = latest_record(session, user.id)
    if broken is not None and latest is not None and \
            (broken.row_id <= latest.id or latest.role == Role.MANAGER):
        return _("the records of people are broken at record %(id)s: %(reason)s") % {
            "id": broken.row_id, "reason": broken.reason}
    return ""


def refuse_untrusted(session: Session, user: UserRow) -> None:
    """Raise ``NotAllowed``, saying why, unless the account verifies."""
    problem = person_problem(session, user)
    if problem:
        raise NotAllowed(_("The account of %(name)s cannot be trusted: %(reason)s. It can "
                           "neither sign in nor act until this is repaired (see crisis-desk "
                           "verify).") % {"name": user.name, "reason": problem})


def problems(session: Session) -> list[str]:
    """Every account whose row does not match its record, and logged changes with none."""
    found = []
    for user in session.scalars(select(UserRow).order_by(UserRow.id)):
        problem = row_problem(session, user)
        if problem:
            found.append(_("Account %(id)s (%(name)s): %(reason)s.")
                         % {"id": user.id, "name": user.name, "reason": problem})
    recorded = set(session.scalars(select(UserRecordRow.id)))
    lines = session.execute(select(AuditRow.id, AuditRow.detail)
                            .where(AuditRow.action.in_(PEOPLE_ACTIONS)).order_by(AuditRow.id))
    for line_id, detail in lines:
        mark = RECORD_MARK.search(detail)
        if mark and int(mark.group(1)) not in recorded:
            found.append(_("Audit line %(line)s logs a change to a person whose record "
                           "%(id)s is missing.") % {"line": line_id, "id": mark.group(1)})
    return found
