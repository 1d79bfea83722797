"""PIN hashing: salted scrypt, constant-time comparison, nothing in clear."""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import InvalidValue, NotAllowed, pins
from crisis_desk.desk.pins import hash_pin, needs_rehash, verify_pin
from crisis_desk.store.tables import UserRow


def test_a_pin_verifies_against_its_hash():
    stored = hash_pin("482139")
    assert verify_pin("482139", stored)
    assert not verify_pin("4822", stored)
    assert not verify_pin("", stored)


def test_the_hash_is_salted_and_holds_no_pin():
    first, second = hash_pin("482139"), hash_pin("482139")
    assert first != second
    assert "482139" not in first
    assert first.startswith("scrypt$")


def test_any_characters_can_be_a_pin():
    stored = hash_pin("ĳzer-ß-🙂")
    assert verify_pin("ĳzer-ß-🙂", stored)
    assert not verify_pin("ijzer-ß-🙂", stored)


@pytest.mark.parametrize("stored", [
    "", "plain", "md5$1$2$3$4$5", "scrypt$16384$8$1$!!!$???",
    "scrypt$1073741824$8$1$AAAA$AAAA",  # a cost that would exhaust memory is not tried
])
def test_a_damaged_hash_never_verifies_nor_raises(stored):
    assert not verify_pin("482139", stored)


REAL_COST = 2**17


def test_the_cost_is_todays_recommendation(monkeypatch):
    monkeypatch.setattr(pins, "COST_N", REAL_COST)  # the suite runs at a lower one
    stored = hash_pin("482139")
    assert stored.startswith("scrypt$131072$8$1$") and not needs_rehash(stored)
    assert needs_rehash("scrypt$16384$8$1$AAAA$AAAA")


def _stored_hash(store, name):
    from sqlalchemy import select

    with store.reading() as session:
        return session.scalars(select(UserRow.pin_hash).where(UserRow.name == name)).one()


def test_an_old_hash_is_upgraded_at_the_next_sign_in(store, people, monkeypatch):
    old = _stored_hash(store, "Léa Peeters")
    assert old.startswith("scrypt$16384$")
    monkeypatch.setattr(pins, "COST_N", REAL_COST)
    with pytest.raises(desk.SignInFailed):
        desk.sign_in(store, "Léa Peeters", "000000")
    assert _stored_hash(store, "Léa Peeters") == old  # a wrong PIN changes nothing
    desk.sign_in(store, "Léa Peeters", people.pins["comms"])
    upgraded = _stored_hash(store, "Léa Peeters")
    assert upgraded.startswith("scrypt$131072$8$1$")
    assert desk.sign_in(store, "Léa Peeters", people.pins["comms"]) == people.comms


@pytest.mark.parametrize("pin", ["1234", "12345", "     "])
def test_a_pin_has_at_least_six_characters(store, people, pin):
    with pytest.raises(InvalidValue):
        desk.add_user(store, people.manager, "Ann", "comms", pin)


def test_a_new_manager_needs_an_existing_managers_pin(store, people):
    for by in (desk.administrator("ops"), people.manager):
        with pytest.raises(NotAllowed):
            desk.add_user(store, by, "Night shift", "manager", "111111")
        with pytest.raises(desk.SignInFailed):
            desk.add_user(store, by, "Night shift", "manager", "111111",
                          ("Marc Lambert", "000000"))
    with pytest.raises(NotAllowed):  # a communication officer cannot vouch
        desk.add_user(store, desk.administrator("ops"), "Night shift", "manager", "111111",
                      ("Léa Peeters", people.pins["comms"]))
    added = desk.add_user(store, desk.administrator("ops"), "Night shift", "manager",
                          "111111", ("Marc Lambert", people.pins["manager"]))
    assert added.role == "manager"


def test_the_database_file_is_private(tmp_path):
    import stat

    from crisis_desk.store.database import open_store

    path = tmp_path / "desk.sqlite3"
    with open_store(f"sqlite:///{path}") as opened:
        desk.add_user(opened, None, "Marc", "manager", "918273")
        for file in (path, tmp_path / "desk.sqlite3-wal"):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
