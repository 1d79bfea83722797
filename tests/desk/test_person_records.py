"""People's records that can be trusted: each attack on them, and what the desk then says.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures). The attacker
has SQL access to the database (the file, or the schema owner's login), not the
history key in the data folder.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from crisis_desk import desk
from crisis_desk.desk import NotAllowed
from crisis_desk.store import seals
from crisis_desk.store.errors import StorageError
from crisis_desk.store.tables import ApprovalRow
from tests.desk.workflow_steps import poster_of, submit_all


def raw(store, *statements, **values):
    """What an attacker with the database file or the owner's login can run."""
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), values)


def lift_protection(store, table, trigger):
    """Remove one trigger as the attacker would: dropped on SQLite, disabled by the owner."""
    if store.backend == "sqlite":
        raw(store, f"DROP TRIGGER {trigger}")
    else:
        raw(store, f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")


def rita(store):
    return next(user for user in desk.users(store) if user.name == "Rita Schmit")


def as_manager(user):
    return desk.Actor(user.id, user.name, "manager")


def submitted_poster(store, people, stored):
    submit_all(store, people, stored)
    return poster_of(store, stored)


# -- UPDATE users SET role = 'manager' ------------------------------------------------------

def test_a_role_set_by_sql_is_refused_and_then_found(store, people, stored):
    doc = submitted_poster(store, people, stored)
    target = rita(store)
    with pytest.raises(StorageError, match="changes only through the desk"), \
            store.writing() as session:
        session.execute(text(f"UPDATE users SET role = 'manager' WHERE id = {target.id}"))
    assert rita(store).role == "reception"
    lift_protection(store, "users", "users_as_recorded")
    raw(store, f"UPDATE users SET role = 'manager' WHERE id = {target.id}")
    with pytest.raises(NotAllowed) as refused:
        desk.approve(store, as_manager(target), people.pins["reception"], doc.id,
                     doc.submitted_sha256)
    message = str(refused.value)
    assert "The account of Rita Schmit cannot be trusted" in message
    assert "role changed outside the desk" in message
    with pytest.raises(NotAllowed, match="cannot be trusted"):
        desk.sign_in(store, "Rita Schmit", people.pins["reception"])
    problems = desk.verify_history(store)
    assert any(f"Account {target.id} (Rita Schmit): its row no longer matches its record"
               in p for p in problems), problems
    assert any("users_as_recorded" in p for p in problems)
    assert desk.document(store, doc.id).state == "submitted"
    assert "role changed outside the desk" in rita(store).problem


# -- a forged record, its hash recomputed as the plain chain did --------------------------

def test_a_forged_record_with_a_recomputed_hash_is_named(store, people, stored):
    doc = submitted_poster(store, people, stored)
    target = rita(store)
    with store.engine.connect() as connection:
        last = connection.execute(text(
            "SELECT id, row_sha256 FROM user_records ORDER BY id DESC LIMIT 1")).one()
        pin_hash = connection.execute(text(
            f"SELECT pin_hash FROM users WHERE id = {target.id}")).scalar_one()
    forged = {"id": last.id + 1, "user_id": target.id, "change": "role",
              "name": target.name, "role": "manager", "active": True, "pin_hash": pin_hash,
              "at": store.now(), "actor_id": people.manager.user_id,
              "actor_name": people.manager.name}
    fields = seals.sealed_fields("user_records", forged.__getitem__)
    forged["prev_sha256"] = last.row_sha256
    forged["row_sha256"] = seals.plain_hash("user_records", last.row_sha256, fields)
    if store.backend == "sqlite":  # UTC wall time, as the desk stores it there
        forged["at"] = forged["at"].strftime("%Y-%m-%d %H:%M:%S.%f")
    raw(store, "INSERT INTO user_records (id, user_id, change, name, role, active, pin_hash, "
               "at, actor_id, actor_name, prev_sha256, row_sha256) VALUES (:id, :user_id, "
               ":change, :name, :role, :active, :pin_hash, :at, :actor_id, :actor_name, "
               ":prev_sha256, :row_sha256)", **forged)
    # The row now matches the forged record, so the trigger lets it through.
    raw(store, f"UPDATE users SET role = 'manager' WHERE id = {target.id}")
    problems = desk.verify_history(store)
    assert f"Table user_records is broken at row {last.id + 1}: it was forged: its hash was " \
           "computed without the history key." in problems, problems
    with pytest.raises(NotAllowed) as refused:
        desk.approve(store, as_manager(target), people.pins["reception"], doc.id,
                     doc.submitted_sha256)
    assert f"broken at record {last.id + 1}" in str(refused.value)
    # Every manager is stopped too: the forged record might have been one taking a role away.
    with pytest.raises(NotAllowed, match="cannot be trusted"):
        desk.sign_in(store, "Marc Lambert", people.pins["manager"])
    assert desk.document(store, doc.id).state == "submitted"


def test_a_forged_approval_with_a_recomputed_hash_is_named(store, people, stored):
    doc = submitted_poster(store, people, stored)
    desk.approve(store, people.manager, people.pins["manager"], doc.id, doc.submitted_sha256)
    with store.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT * FROM approvals ORDER BY id DESC LIMIT 1")).one()._asdict()
    with store.reading() as session:
        at = session.get(ApprovalRow, row["id"]).at  # the moment as the desk reads it
    row["user_name"] = "Someone else"
    fields = seals.sealed_fields("approvals", {**row, "at": at}.__getitem__)
    lift_protection(store, "approvals", "approvals_no_update" if store.backend == "sqlite"
                    else "approvals_append_only")
    raw(store, "UPDATE approvals SET user_name = :name, row_sha256 = :hash WHERE id = :id",
        name="Someone else", id=row["id"],
        hash=seals.plain_hash("approvals", row["prev_sha256"], fields))
    problems = desk.verify_history(store)
    assert f"Table approvals is broken at row {row['id']}: it was forged: its hash was " \
           "computed without the history key." in problems, problems
    assert desk.approval_mark(store, doc.id) is None


# -- a deleted record -----------------------------------------------------------------------

def test_a_deleted_record_is_named_and_its_person_stopped(store, people, stored):
    manager = people.manager
    pin = people.pins["manager"]
    desk.add_user(store, manager, "Anne Dubois", "manager", "730415", ("Marc Lambert", pin))
    demoted = desk.change_role(store, manager, "Anne Dubois", "comms", ("Marc Lambert", pin))
    desk.reset_pin(store, manager, "Léa Peeters", "604938", ("Marc Lambert", pin))
    with store.engine.connect() as connection:
        removed = connection.execute(text(
            f"SELECT max(id) FROM user_records WHERE user_id = {demoted.id}")).scalar_one()
    lift_protection(store, "user_records", "user_records_no_delete"
                    if store.backend == "sqlite" else "user_records_append_only")
    raw(store, f"DELETE FROM user_records WHERE id = {removed}")  # Anne the manager again?
    problems = desk.verify_history(store)
    assert f"Table user_records is broken at row {removed + 1}: the rows {removed} to " \
           f"{removed} are missing." in problems, problems
    assert any(f"record {removed} is missing" in p for p in problems)
    assert any("Anne Dubois" in p and "role" in p for p in problems)
    with pytest.raises(NotAllowed, match="cannot be trusted"):
        desk.sign_in(store, "Anne Dubois", "730415")


# -- a dropped trigger ----------------------------------------------------------------------

@pytest.mark.parametrize("table", ["users", "user_records"])
def test_a_dropped_or_disabled_trigger_is_reported(store, people, table):
    trigger = {"users": "users_no_delete",
               "user_records": "user_records_no_update" if store.backend == "sqlite"
               else "user_records_append_only"}[table]
    assert desk.verify_history(store) == []
    lift_protection(store, table, trigger)
    assert f"The protection {trigger} of the history is missing or disabled." in \
        desk.verify_history(store)


def test_the_records_refuse_raw_changes(store, people):
    for statement in ("UPDATE user_records SET role = 'manager'", "DELETE FROM user_records",
                      "DELETE FROM users", "UPDATE users SET pin_hash = 'x'",
                      "UPDATE history_keys SET key_id = 'x'"):
        with pytest.raises(DBAPIError), store.engine.begin() as connection:
            connection.execute(text(statement))
    assert desk.verify_history(store) == []


# -- the history key -----------------------------------------------------------------------

def test_the_key_lives_outside_the_database_readable_by_its_owner_only(store, people):
    path = seals.key_path()
    assert path.stat().st_mode & 0o777 == 0o600
    key = bytes.fromhex(path.read_text().split()[0])
    with store.engine.connect() as connection:
        stored_id = connection.execute(text("SELECT key_id FROM history_keys")).scalar_one()
        dump = " ".join(str(v) for row in connection.execute(text(
            "SELECT * FROM user_records")) for v in row)
    assert stored_id == seals.key_id(key) and key.hex() not in dump


def test_a_desk_without_the_key_says_so_and_adds_nothing(store, people, stored):
    seals.key_path().rename(seals.key_path().with_suffix(".lost"))
    problems = desk.verify_history(store)
    assert any("which this desk does not have" in p for p in problems), problems
    with pytest.raises(StorageError, match="which this desk does not have"):
        desk.sign_in(store, "Marc Lambert", people.pins["manager"])
    assert desk.approval_mark(store, poster_of(store, stored).id) is None
    seals.key_path().with_suffix(".lost").rename(seals.key_path())  # restored from a backup
    assert desk.verify_history(store) == []
    assert desk.sign_in(store, "Marc Lambert", people.pins["manager"]) == people.manager
