"""Accounts, sign-in and lock-out, and what each role may do.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import (
    InvalidValue,
    LockedOut,
    NotAllowed,
    SignInFailed,
)
from tests.desk.workflow_steps import (
    approve_reviewed,
    edited_copy,
    logged_actions,
    poster_of,
    submit_all,
)

# -- users and sign-in --------------------------------------------------------------------

def test_the_first_account_must_be_a_manager(store):
    assert desk.needs_first_manager(store)
    with pytest.raises(NotAllowed):
        desk.add_user(store, None, "Léa", "comms", "482139")
    desk.add_user(store, None, "Marc", "manager", "903417")
    assert not desk.needs_first_manager(store)
    with pytest.raises(NotAllowed):
        desk.add_user(store, None, "Someone", "manager", "111122")


def test_only_a_manager_or_the_administrator_adds_users(store, people):
    for actor in (people.comms, people.reception):
        with pytest.raises(NotAllowed):
            desk.add_user(store, actor, "Intruder", "manager", "111122")
    desk.add_user(store, desk.administrator("ops"), "Night desk", "reception", "222233")
    assert "Night desk" in [user.name for user in desk.users(store)]
    assert "Intruder" not in [user.name for user in desk.users(store)]


@pytest.mark.parametrize(("name", "role", "pin"), [
    ("", "comms", "482139"), ("marc lambert", "comms", "482139"), ("Ann", "director", "482139"),
    ("Ann", "comms", "123"), ("Ann", "comms", "    "), ("Ann\x07", "comms", "482139"),
])
def test_bad_accounts_are_refused(store, people, name, role, pin):
    with pytest.raises(InvalidValue):
        desk.add_user(store, people.manager, name, role, pin)


@pytest.mark.parametrize(("name", "typed", "duplicate"), [
    ("Élodie Maréchal", "élodie maréchal", "ÉLODIE MARÉCHAL"),
    ("Łucja Wójcik", "ŁUCJA WÓJCIK", "łucja wójcik"),
    ("Ömer Yılmaz", "ömer yılmaz", "ÖMER YıLMAZ"),
    ("Jürgen Strauß", "JÜRGEN STRAUSS", "jürgen strauss"),
    ("Ĳsbrand de Vries", "ĳsbrand de vries", "ĲSBRAND DE VRIES"),
    ("Zoë Dupré", "Zoe\u0308 Dupre\u0301", "ZOE\u0308 DUPRÉ"),  # combining marks
])
def test_names_match_with_unicode_case_folding(store, people, name, typed, duplicate):
    desk.add_user(store, people.manager, name, "comms", "482137")
    assert desk.sign_in(store, name, "482137").name == name
    assert desk.sign_in(store, typed, "482137").name == name
    with pytest.raises(InvalidValue):
        desk.add_user(store, people.manager, duplicate, "reception", "555555")


def test_sign_in_gives_the_role_in_the_database(store, people):
    actor = desk.sign_in(store, "Léa Peeters", people.pins["comms"])
    assert actor == people.comms
    assert desk.audit_log(store)[-1].action == "sign_in"


def test_wrong_pin_and_unknown_name_are_refused(store, people):
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        desk.sign_in(store, "Marc Lambert", "0000")
    with pytest.raises(SignInFailed, match="No user"):
        desk.sign_in(store, "Nobody", people.pins["manager"])


def test_five_wrong_pins_in_a_row_lock_the_account_for_a_few_minutes(store, people, clock):
    for _attempt in range(desk.MAX_WRONG_PINS - 1):
        with pytest.raises(SignInFailed) as refused:
            desk.sign_in(store, "Marc Lambert", "0000")
        assert not isinstance(refused.value, LockedOut)
    with pytest.raises(LockedOut) as locked:
        desk.sign_in(store, "Marc Lambert", "0000")
    assert locked.value.until == clock() + desk.LOCK_OUT
    with pytest.raises(LockedOut):  # even the right PIN waits
        desk.sign_in(store, "Marc Lambert", people.pins["manager"])
    clock.advance(minutes=4)
    with pytest.raises(LockedOut):
        desk.sign_in(store, "Marc Lambert", people.pins["manager"])
    clock.advance(minutes=1, seconds=1)
    assert desk.sign_in(store, "Marc Lambert", people.pins["manager"]) == people.manager
    assert "lock_out" in logged_actions(store)


def test_a_right_pin_resets_the_count(store, people):
    for _round in range(2):
        for _attempt in range(desk.MAX_WRONG_PINS - 1):
            with pytest.raises(SignInFailed):
                desk.sign_in(store, "Léa Peeters", "0000")
        desk.sign_in(store, "Léa Peeters", people.pins["comms"])  # not locked


# -- roles --------------------------------------------------------------------------------

def test_a_receptionist_can_neither_edit_nor_submit_nor_approve(store, people, stored):
    reception = people.reception
    edited = edited_copy(stored, facts="Changed by reception")
    with pytest.raises(NotAllowed):
        desk.save_incident(store, reception, stored.incident_id, edited, stored.version)
    with pytest.raises(NotAllowed):
        desk.autosave(store, reception, stored.incident_id, edited, stored.version)
    with pytest.raises(NotAllowed):
        desk.create_incident(store, reception, stored.organisation.id, edited)
    with pytest.raises(NotAllowed):
        desk.submit(store, reception, stored.incident_id, stored.version)
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    with pytest.raises(NotAllowed):
        desk.approve(store, reception, people.pins["reception"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        desk.send_back(store, reception, doc.id, "no")
    assert desk.document(store, doc.id).state == "submitted"
    assert desk.load_incident(store, stored.incident_id).version == stored.version


def test_a_communication_officer_cannot_approve(store, people, stored):
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    with pytest.raises(NotAllowed):
        desk.approve(store, people.comms, people.pins["comms"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        desk.send_back(store, people.comms, doc.id, "fine by me")
    assert desk.document(store, doc.id).state == "submitted"


def test_a_manager_neither_edits_nor_submits(store, people, stored):
    with pytest.raises(NotAllowed):
        desk.save_incident(store, people.manager, stored.incident_id,
                           edited_copy(stored, facts="Manager's edit"), stored.version)
    with pytest.raises(NotAllowed):
        desk.submit(store, people.manager, stored.incident_id, stored.version)


def test_roles_come_from_the_database_not_from_the_caller(store, people, stored):
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    forged = desk.Actor(people.reception.user_id, people.reception.name, "manager")
    with pytest.raises(NotAllowed):
        desk.approve(store, forged, people.pins["reception"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        desk.approve(store, desk.administrator(), "", doc.id, doc.submitted_sha256)
    disguised = desk.Actor(people.comms.user_id, "Marc Lambert", "manager")
    desk.record_print(store, disguised, doc.id, "pdf")
    logged = desk.audit_log(store)[-1]
    assert (logged.actor_name, logged.actor_role) == ("Léa Peeters", "comms")


def test_approval_needs_the_managers_own_pin(store, people, stored):
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    with pytest.raises(SignInFailed):
        desk.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(SignInFailed):
        desk.approve(store, people.manager, people.pins["comms"], doc.id, doc.submitted_sha256)
    assert desk.document(store, doc.id).state == "submitted"
    for _attempt in range(desk.MAX_WRONG_PINS - 3):
        with pytest.raises(SignInFailed):
            desk.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(LockedOut):
        desk.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(LockedOut):
        approve_reviewed(store, people, doc)
    assert desk.document(store, doc.id).state == "submitted"
