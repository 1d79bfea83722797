"""People: accounts, sign-in with a PIN, lock-out, and the role check behind every action.

A person's role is always read from the database, never taken from the caller,
and only trusted while their row matches their sealed record
(``crisis_desk.desk.person_records``). Adding a person, changing a role,
deactivating, reactivating or resetting a PIN is recorded and audited; on a
database that has a manager it needs a manager's name and PIN (consent), and
the last active manager cannot be removed. The command line acts as the
``administrator``, whoever may open the database.
"""

from __future__ import annotations

import getpass
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.desk import audit, chains, person_records
from crisis_desk.desk.errors import InvalidValue, LockedOut, NotAllowed, NotFound, SignInFailed
from crisis_desk.desk.person_records import name_key
from crisis_desk.desk.pins import hash_pin, needs_rehash, verify_pin
from crisis_desk.desk.records import Actor, UserInfo
from crisis_desk.desk.states import AuditAction, PersonChange
from crisis_desk.domain.roles import ROLES, Role
from crisis_desk.i18n import N_, _, format_time, interface_language
from crisis_desk.store.database import Store
from crisis_desk.store.tables import UserRecordRow, UserRow

Consent = tuple[str, str]  # a manager's name and PIN

ADMINISTRATOR = "administrator"  # the command line: whoever may open the database file
ROLE_NAMES = {Role.COMMS: N_("communication officer"), Role.MANAGER: N_("manager"),
              Role.RECEPTION: N_("receptionist"), ADMINISTRATOR: N_("administrator")}
MAX_WRONG_PINS = 5
LOCK_OUT = timedelta(minutes=5)
MIN_PIN_LENGTH, MAX_PIN_LENGTH = 6, 128  # 4 digits fall to an offline search in minutes
MAX_NAME_LENGTH = 100


def administrator(name: str | None = None) -> Actor:
    """The command line acting for whoever runs it on this machine (audit: their login)."""
    try:
        login = name or getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(None, f"{login} (command line)", ADMINISTRATOR)


def needs_first_manager(store: Store) -> bool:
    """True while the database has no user at all (the app asks for a first manager)."""
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(UserRow)) == 0


def add_user(store: Store, by: Actor | None, name: str, role: str, pin: str,
             consent: tuple[str, str] | None = None) -> UserInfo:
    """Create an account. ``by`` is a manager or the administrator; None only for the first.

    A manager can approve what the public reads, so once a database has a manager, a
    new one needs an existing manager's consent: ``consent`` is that manager's name
    and PIN, checked (and counted against lock-out) like a sign-in.
    """
    name = _valid_name(name)
    if role not in ROLES:
        raise InvalidValue(_("Unknown role '%(role)s': use comms, manager or reception.")
                           % {"role": role})
    _valid_pin(pin)
    if role == Role.MANAGER:
        _manager_consent(store, consent)
    pin_hash = hash_pin(pin)
    with store.writing() as session:
        if by is None:
            if session.scalar(select(func.count()).select_from(UserRow)):
                raise NotAllowed(_("Only a manager can add users."))
            if role != Role.MANAGER:
                raise NotAllowed(_("The first account must be a manager's."))
        else:
            by = authorise(session, by, (Role.MANAGER, ADMINISTRATOR),
                           _("Only a manager can add users."))
        if _user_named(session, name) is not None:
            raise InvalidValue(_("There is already a user called %(name)s.") % {"name": name})
        user = UserRow(name=name, name_key=name_key(name), role=role, pin_hash=pin_hash,
                       failed_pins=0, active=True, created_at=store.now())
        session.add(user)
        session.flush()
        who = by or Actor(user.id, name, role)
        added = person_records.record(session, store, user, PersonChange.ADDED, who)
        audit.record(session, store, who, AuditAction.USER_ADD,
                     detail=person_records.audit_detail(f"{name} ({role})", added))
        return _user_info(user)


def _manager_consent(store: Store, consent: Consent | None, refusal: str | None = None) -> None:
    """Refuse unless an existing manager (if the database has any) gave their PIN."""
    with store.reading() as session:
        managers = session.scalar(select(func.count()).select_from(UserRow).where(
            UserRow.role == Role.MANAGER, UserRow.active))
        consenting = _user_named(session, consent[0]) if consent else None
        consenting_id = consenting.id if consenting is not None and consenting.active \
            and consenting.role == Role.MANAGER else None
    if not managers:
        return
    if consent is None or consenting_id is None:
        raise NotAllowed(refusal or _("Adding a manager needs the name and PIN of a manager "
                                      "already on this desk."))
    confirm_pin(store, consenting_id, consent[1])


def users(store: Store) -> list[UserInfo]:
    """Every account, by name, each with why it cannot be trusted if it cannot."""
    with store.reading() as session:
        broken = chains.first_break(session, UserRecordRow)  # walked once for everyone
        rows = list(session.scalars(select(UserRow).order_by(UserRow.name_key)))
        return [_user_info(row, person_records.person_problem(session, row, broken,
                                                              walked=True))
                for row in rows]


def sign_in(store: Store, name: str, pin: str) -> Actor:
    """Check a person's PIN; five wrong ones in a row lock the account for a few minutes."""
    with store.reading() as session:
        user = _user_named(session, name.strip())
        if user is None or not user.active:
            raise SignInFailed(_("No user is called %(name)s.") % {"name": name.strip()})
        user_id = user.id
    actor = confirm_pin(store, user_id, pin)
    with store.writing() as session:
        audit.record(session, store, actor, AuditAction.SIGN_IN)
    return actor


def _valid_name(name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise InvalidValue(_("A user needs a name."))
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise InvalidValue(_("A user's name must be printable text of at most %(count)d "
                             "characters.") % {"count": MAX_NAME_LENGTH})
    return name


def _valid_pin(pin: str) -> None:
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH or not pin.strip():
        raise InvalidValue(_("A PIN must have between %(low)d and %(high)d characters.")
                           % {"low": MIN_PIN_LENGTH, "high": MAX_PIN_LENGTH})


def _user_named(session: Session, name: str, lock: bool = False) -> UserRow | None:
    query = select(UserRow).where(UserRow.name_key == name_key(name))
    return session.scalars(query.with_for_update() if lock else query).first()


def _user_info(row: UserRow, problem: str = "") -> UserInfo:
    return UserInfo(row.id, row.name, row.role, row.active, row.locked_until, row.created_at,
                    problem)


def confirm_pin(store: Store, user_id: int | None, pin: str) -> Actor:
    """The PIN check behind sign-in and approval, counting wrong PINs in a row."""
    with store.reading() as session:
        user = _enabled_user(session, user_id)
        _refuse_if_locked(store, user)
        stored = user.pin_hash
    correct = verify_pin(pin, stored)  # slow on purpose: outside any transaction
    upgraded = hash_pin(pin) if correct and needs_rehash(stored) else None
    with store.writing() as session:
        # Read again, locked: the account may have changed during the slow check.
        user = _enabled_user(session, user_id, lock=True)
        _refuse_if_locked(store, user)
        actor = Actor(user.id, user.name, user.role)
        if correct:
            user.failed_pins, user.locked_until = 0, None
            if upgraded is not None and user.pin_hash == stored:  # made with today's cost
                person_records.record(session, store, user, PersonChange.PIN_UPGRADED, actor,
                                      pin_hash=upgraded)
            return actor
        user.failed_pins += 1
        if user.failed_pins >= MAX_WRONG_PINS:
            user.failed_pins, user.locked_until = 0, store.now() + LOCK_OUT
            audit.record(session, store, actor, AuditAction.LOCK_OUT,
                         detail=f"{MAX_WRONG_PINS} wrong PINs")
        else:
            audit.record(session, store, actor, AuditAction.WRONG_PIN,
                         detail=f"{user.failed_pins} of {MAX_WRONG_PINS}")
        locked_until = user.locked_until
        tries_left = MAX_WRONG_PINS - user.failed_pins
    if locked_until is not None:
        raise _locked_out(user.name, locked_until)
    # A count after a colon reads right in every language, with no plural forms to pick.
    raise SignInFailed(_("Wrong PIN.") + " " + _("Tries left before the account is locked "
                                                 "for a few minutes: %(count)d.")
                       % {"count": tries_left})


def _enabled_user(session: Session, user_id: int | None, lock: bool = False) -> UserRow:
    user = session.get(UserRow, user_id, with_for_update=lock)
    if user is None or not user.active:
        raise NotAllowed(_("This account no longer exists or is disabled."))
    person_records.refuse_untrusted(session, user)  # its PIN hash and role as recorded
    return user


def _refuse_if_locked(store: Store, user: UserRow) -> None:
    if user.locked_until is not None and user.locked_until > store.now():
        raise _locked_out(user.name, user.locked_until)


def _locked_out(name: str, until: datetime) -> LockedOut:
    when = format_time(until.astimezone(), interface_language())
    return LockedOut(_("Too many wrong PINs: %(name)s can try again at %(time)s.")
                     % {"name": name, "time": when}, until)


def authorise(session: Session, actor: Actor, roles: tuple[str, ...], refusal: str) -> Actor:
    """The actor as the database knows them (name and role), if the role may act."""
    if actor.user_id is None:
        if actor.role == ADMINISTRATOR and ADMINISTRATOR in roles:
            return actor
        raise NotAllowed(refusal)
    user = session.get(UserRow, actor.user_id)
    if user is None or not user.active:
        raise NotAllowed(_("This account no longer exists or is disabled."))
    person_records.refuse_untrusted(session, user)
    if user.role not in roles:
        raise NotAllowed(refusal)
    return Actor(user.id, user.name, user.role)


# -- changing a person: each recorded, audited, and consented to by a manager -------------

def change_role(store: Store, by: Actor, name: str, role: str,
                consent: Consent | None = None) -> UserInfo:
    """Give the person called ``name`` another role."""
    if role not in ROLES:
        raise InvalidValue(_("Unknown role '%(role)s': use comms, manager or reception.")
                           % {"role": role})
    return _change_person(store, by, name, consent, PersonChange.ROLE, AuditAction.USER_ROLE,
                          lambda user: {"role": role})


def deactivate(store: Store, by: Actor, name: str, consent: Consent | None = None) -> UserInfo:
    """Stop the person called ``name`` from signing in; their history stays."""
    return _change_person(store, by, name, consent, PersonChange.DEACTIVATED,
                          AuditAction.USER_DEACTIVATE, lambda user: {"active": False})


def reactivate(store: Store, by: Actor, name: str, consent: Consent | None = None) -> UserInfo:
    """Let a deactivated person sign in again, with the role and PIN they had."""
    return _change_person(store, by, name, consent, PersonChange.REACTIVATED,
                          AuditAction.USER_REACTIVATE, lambda user: {"active": True})


def reset_pin(store: Store, by: Actor, name: str, pin: str,
              consent: Consent | None = None) -> UserInfo:
    """Give the person called ``name`` a new PIN (a forgotten one, or a lock-out ended)."""
    _valid_pin(pin)
    pin_hash = hash_pin(pin)  # slow on purpose: outside any transaction
    return _change_person(store, by, name, consent, PersonChange.PIN_RESET,
                          AuditAction.USER_PIN_RESET, lambda user: {"pin_hash": pin_hash})


def _change_person(store: Store, by: Actor, name: str, consent: Consent | None,
                   change: PersonChange, action: AuditAction,
                   new_state: Callable[[UserRow], dict[str, object]]) -> UserInfo:
    refusal = _("Only a manager can change a person's role, state or PIN.")
    with store.reading() as session:
        authorise(session, by, (Role.MANAGER, ADMINISTRATOR), refusal)
    _manager_consent(store, consent, _("Changing a person's role, state or PIN needs the "
                                       "name and PIN of a manager on this desk."))
    with store.writing() as session:
        by = authorise(session, by, (Role.MANAGER, ADMINISTRATOR), refusal)
        user = _user_named(session, name.strip(), lock=True)
        if user is None:
            raise NotFound(_("No user is called %(name)s.") % {"name": name.strip()})
        state = new_state(user)
        if change != PersonChange.PIN_RESET and \
                all(getattr(user, column) == value for column, value in state.items()):
            raise InvalidValue(_("Nothing to change: %(name)s is already %(state)s.")
                               % {"name": user.name, "state": _state_words(user)})
        _keep_a_manager(session, user, state)
        before = _described(user)
        recorded = person_records.record(session, store, user, change, by, **state)
        if change == PersonChange.PIN_RESET:
            user.failed_pins, user.locked_until = 0, None  # a new PIN ends a lock-out
        audit.record(session, store, by, action, detail=person_records.audit_detail(
            f"{user.name}: {before} -> {_described(user)}", recorded))
        return _user_info(user)


def _state_words(user: UserRow) -> str:
    """The person's role and state, in the interface language."""
    state = _("active") if user.active else _("deactivated")
    return f"{_(ROLE_NAMES.get(user.role, user.role))}, {state}"


def _described(user: UserRow) -> str:
    """A person's role and state in the audit log's plain words (never the PIN hash)."""
    return f"{user.role}, {'active' if user.active else 'disabled'}"


def _keep_a_manager(session: Session, user: UserRow, state: dict[str, object]) -> None:
    """Refuse the change that would leave the desk without an active manager."""
    stays = state.get("role", user.role) == Role.MANAGER and state.get("active", user.active)
    if not (user.role == Role.MANAGER and user.active) or stays:
        return
    others = session.scalar(select(func.count()).select_from(UserRow).where(
        UserRow.role == Role.MANAGER, UserRow.active, UserRow.id != user.id))
    if not others:
        raise NotAllowed(_("%(name)s is the last active manager: make someone else a manager "
                           "first, or nobody could approve.") % {"name": user.name})
