"""People: accounts, sign-in with a PIN, lock-out, and the role check behind every action.

A person's role is always read from the database, never taken from the caller;
the command line acts as the ``administrator``, whoever may open the database.
"""

from __future__ import annotations

import getpass
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crisis_desk.desk import audit
from crisis_desk.desk.errors import InvalidValue, LockedOut, NotAllowed, SignInFailed
from crisis_desk.desk.pins import hash_pin, needs_rehash, verify_pin
from crisis_desk.desk.records import Actor, UserInfo
from crisis_desk.desk.states import AuditAction
from crisis_desk.domain.roles import ROLES, Role
from crisis_desk.i18n import N_, _, format_time, interface_language
from crisis_desk.store.database import Store
from crisis_desk.store.tables import UserRow

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
        audit.record(session, store, who, AuditAction.USER_ADD, detail=f"{name} ({role})")
        return _user_info(user)


def _manager_consent(store: Store, consent: tuple[str, str] | None) -> None:
    """Refuse a new manager unless an existing manager (if any) gave their PIN."""
    with store.reading() as session:
        managers = session.scalar(select(func.count()).select_from(UserRow).where(
            UserRow.role == Role.MANAGER, UserRow.active))
        consenting = _user_named(session, consent[0]) if consent else None
        consenting_id = consenting.id if consenting is not None and consenting.active \
            and consenting.role == Role.MANAGER else None
    if not managers:
        return
    if consent is None or consenting_id is None:
        raise NotAllowed(_("Adding a manager needs the name and PIN of a manager already "
                           "on this desk."))
    confirm_pin(store, consenting_id, consent[1])


def users(store: Store) -> list[UserInfo]:
    """Every account, by name."""
    with store.reading() as session:
        rows = session.scalars(select(UserRow).order_by(UserRow.name_key))
        return [_user_info(row) for row in rows]


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


def name_key(name: str) -> str:
    """What two names must share to be the same person's: Unicode case folding over NFC.

    The same on every database (SQLite's ``lower()`` knows only ASCII): "Élodie",
    "ÉLODIE" and an "E" followed by a combining accent are one name; "Strauß" is
    "STRAUSS".
    """
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFC", folded)


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


def _user_named(session: Session, name: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.name_key == name_key(name))).first()


def _user_info(row: UserRow) -> UserInfo:
    return UserInfo(row.id, row.name, row.role, row.active, row.locked_until, row.created_at)


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
            if upgraded is not None and user.pin_hash == stored:
                user.pin_hash = upgraded  # made with today's cost
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
    if user.role not in roles:
        raise NotAllowed(refusal)
    return Actor(user.id, user.name, user.role)
