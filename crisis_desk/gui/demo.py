"""The demo: the packaged organisation and incident, with demo accounts, for a quick look.

The accounts are clearly named "(demo)" and their PINs are shown on the sign-in
screen: they exist to try the app, never for a real crisis. Loading the demo
goes through the workflow like any person would: the officer imports and
submits, the manager approves what reception prints, so every screen has
something to show.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from crisis_desk import desk
from crisis_desk.domain.roles import ROLES
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.support import resources

DEMO_DIR = resources.demo_dir()
DEMO_ORGANISATION = DEMO_DIR / "organisation.toml"
DEMO_INCIDENT = DEMO_DIR / "incident.toml"
RECEPTION_KINDS = ("poster", "poster-a3", "notice", "phone-script")


@dataclass(frozen=True)
class DemoAccount:
    """A demo person: name, role and the PIN printed on the sign-in screen."""

    name: str
    role: str
    pin: str


_COMMS, _MANAGER, _RECEPTION = ROLES  # the workflow's roles, without loading the database
DEMO_ACCOUNTS = (
    DemoAccount("Marc Lambert (demo)", _MANAGER, "222222"),
    DemoAccount("Léa Dubois (demo)", _COMMS, "111111"),
    DemoAccount("Sofie Peeters (demo)", _RECEPTION, "333333"),
)


def setup_actor() -> desk.Actor:
    """Whoever set up this desk at first start (the person with the database file)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "desk"
    return desk.Actor(None, f"{login} (first start)", desk.ADMINISTRATOR)


def demo_accounts_present(store) -> list[DemoAccount]:
    """The demo accounts that exist in this database (to show their PINs)."""
    names = {user.name for user in desk.users(store)}
    return [account for account in DEMO_ACCOUNTS if account.name in names]


def ensure_demo_accounts(store) -> dict[str, desk.Actor]:
    """Create the demo accounts that are missing; their actors by role."""
    existing = {user.name: user for user in desk.users(store)}
    actors = {}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.name)
        if user is None:
            creator = None if desk.needs_first_manager(store) else setup_actor()
            user = desk.add_user(store, creator, account.name, account.role, account.pin)
        actors[account.role] = desk.Actor(user.id, user.name, user.role)
    return actors


def demo_incident_id(store) -> int | None:
    """The demo incident, if it was loaded before."""
    organisation = load_organisation(DEMO_ORGANISATION)
    for summary in desk.incidents(store):
        if summary.organisation_id == organisation.id:
            return summary.id
    return None


def load_demo(store) -> int:
    """Accounts, the demo incident submitted, and reception's documents approved.

    Does nothing more when the demo is already there; returns the incident id.
    """
    actors = ensure_demo_accounts(store)
    existing = demo_incident_id(store)
    if existing is not None:
        return existing
    organisation = load_organisation(DEMO_ORGANISATION)
    incident = load_incident(DEMO_INCIDENT, organisation.timezone)
    officer, manager = actors[desk.COMMS], actors[desk.MANAGER]
    snapshot = desk.import_incident(store, officer, organisation, incident)
    desk.submit(store, officer, snapshot.incident_id, snapshot.version)
    pin = next(a.pin for a in DEMO_ACCOUNTS if a.role == desk.MANAGER)
    for info in desk.awaiting_approval(store, snapshot.incident_id):
        if info.kind in RECEPTION_KINDS:
            desk.approve(store, manager, pin, info.id, info.submitted_sha256)
    return snapshot.incident_id
