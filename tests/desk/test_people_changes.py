"""Changing people: a role, deactivation and reactivation, a PIN reset — consented, audited.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import InvalidValue, NotAllowed, NotFound, SignInFailed
from tests.desk.workflow_steps import logged_actions, poster_of, submit_all


@pytest.fixture
def consent(people):
    return ("Marc Lambert", people.pins["manager"])


def test_a_new_role_takes_effect_and_is_recorded(store, people, stored, consent):
    changed = desk.change_role(store, people.manager, "Rita Schmit", "manager", consent)
    assert changed.role == "manager" and not changed.problem
    rita = desk.sign_in(store, "Rita Schmit", people.pins["reception"])
    assert rita.role == "manager"
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    desk.approve(store, rita, people.pins["reception"], doc.id, doc.submitted_sha256)
    assert desk.approval_mark(store, doc.id).approver == "Rita Schmit"
    line = next(e for e in reversed(desk.audit_log(store)) if e.action == "user_role")
    assert line.actor_name == "Marc Lambert"
    assert line.detail.startswith("Rita Schmit: reception, active -> manager, active (record #")
    assert desk.verify_history(store) == []


def test_every_change_needs_a_managers_consent(store, people, consent):
    with pytest.raises(NotAllowed, match="needs the name and PIN of a manager"):
        desk.change_role(store, desk.administrator("ops"), "Rita Schmit", "manager")
    with pytest.raises(NotAllowed, match="needs the name and PIN of a manager"):
        desk.deactivate(store, people.manager, "Léa Peeters", ("Léa Peeters",
                                                               people.pins["comms"]))
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        desk.reset_pin(store, people.manager, "Léa Peeters", "604938", ("Marc Lambert",
                                                                        "000000"))
    for actor in (people.comms, people.reception):
        with pytest.raises(NotAllowed, match="Only a manager"):
            desk.change_role(store, actor, "Rita Schmit", "manager", consent)
    assert {u.name: u.role for u in desk.users(store)}["Rita Schmit"] == "reception"
    # The command line acts as the administrator, with a manager's consent.
    desk.change_role(store, desk.administrator("ops"), "Rita Schmit", "comms", consent)
    assert {u.name: u.role for u in desk.users(store)}["Rita Schmit"] == "comms"


def test_a_deactivated_person_cannot_sign_in_until_reactivated(store, people, consent):
    desk.deactivate(store, people.manager, "Léa Peeters", consent)
    with pytest.raises(SignInFailed, match="No user"):
        desk.sign_in(store, "Léa Peeters", people.pins["comms"])
    with pytest.raises(NotAllowed, match="disabled"):
        desk.submit(store, people.comms, 1, 1)  # a session left open is stopped too
    with pytest.raises(InvalidValue, match="Nothing to change"):
        desk.deactivate(store, people.manager, "Léa Peeters", consent)
    desk.reactivate(store, people.manager, "léa peeters", consent)
    assert desk.sign_in(store, "Léa Peeters", people.pins["comms"]) == people.comms
    assert {"user_deactivate", "user_reactivate"} <= set(logged_actions(store))


def test_the_last_active_manager_stays(store, people, consent):
    with pytest.raises(NotAllowed, match="last active manager"):
        desk.deactivate(store, people.manager, "Marc Lambert", consent)
    with pytest.raises(NotAllowed, match="last active manager"):
        desk.change_role(store, people.manager, "Marc Lambert", "comms", consent)
    desk.change_role(store, people.manager, "Rita Schmit", "manager", consent)
    desk.change_role(store, people.manager, "Marc Lambert", "comms", consent)
    assert {u.name: u.role for u in desk.users(store)}["Marc Lambert"] == "comms"


def test_a_reset_pin_replaces_the_old_one_and_ends_a_lock_out(store, people, consent):
    for _attempt in range(desk.MAX_WRONG_PINS):
        with pytest.raises(SignInFailed):
            desk.sign_in(store, "Léa Peeters", "000000")
    desk.reset_pin(store, people.manager, "Léa Peeters", "604938", consent)
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        desk.sign_in(store, "Léa Peeters", people.pins["comms"])
    assert desk.sign_in(store, "Léa Peeters", "604938") == people.comms
    with pytest.raises(InvalidValue):
        desk.reset_pin(store, people.manager, "Léa Peeters", "123", consent)
    line = next(e for e in reversed(desk.audit_log(store)) if e.action == "user_pin_reset")
    assert "scrypt" not in line.detail and "604938" not in line.detail


def test_an_unknown_person_or_role_is_refused(store, people, consent):
    with pytest.raises(NotFound):
        desk.deactivate(store, people.manager, "Nobody", consent)
    with pytest.raises(InvalidValue, match="Unknown role"):
        desk.change_role(store, people.manager, "Rita Schmit", "director", consent)
