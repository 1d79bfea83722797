"""A database from before the sealed chains keeps working: the upgrade seals what still holds.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures): the schema is
brought to revision 0003, filled as that version wrote it (plain SHA-256
chains, no records of people), then opened by today's desk.
"""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from crisis_desk import desk
from crisis_desk.desk.pins import hash_pin
from crisis_desk.store import seals
from crisis_desk.store.database import MIGRATIONS, open_store

AT = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
LINES = [("Marc Lambert", "manager", "user_add", "Marc Lambert (manager)"),
         ("Marc Lambert", "manager", "sign_in", ""),
         ("Marc Lambert", "manager", "user_add", "Léa Peeters (comms)"),
         ("Léa Peeters", "comms", "sign_in", "")]


def schema_at_0003(url: str):
    engine = create_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    return engine


def fill_as_0003_did(engine, tamper_with: int | None = None) -> None:
    """Two people and an audit log chained with plain SHA-256, as revision 0003 wrote them."""
    sqlite = engine.dialect.name == "sqlite"
    moment = AT.replace(tzinfo=None).isoformat(sep=" ") if sqlite else AT
    with engine.begin() as connection:
        for number, (name, role) in enumerate((("Marc Lambert", "manager"),
                                               ("Léa Peeters", "comms")), 1):
            connection.execute(text(
                "INSERT INTO users (id, name, name_key, role, pin_hash, failed_pins, active, "
                "created_at) VALUES (:id, :name, :key, :role, :hash, 0, :active, :at)"),
                {"id": number, "name": name, "key": name.casefold(), "role": role,
                 "hash": hash_pin("903417"), "active": True, "at": moment})
        previous = seals.GENESIS
        for number, (name, role, action, detail) in enumerate(LINES, 1):
            actor_id = 1 if role == "manager" else 2
            fields = [str(number), AT.isoformat(timespec="microseconds"), str(actor_id), name,
                      role, action, "None", "None", detail]
            row_hash = seals.plain_hash("audit_log", previous, fields)
            stored_detail = "changed afterwards" if number == tamper_with else detail
            connection.execute(text(
                "INSERT INTO audit_log (id, at, actor_id, actor_name, actor_role, action, "
                "detail, prev_sha256, row_sha256) VALUES (:id, :at, :actor, :name, :role, "
                ":action, :detail, :prev, :hash)"),
                {"id": number, "at": moment, "actor": actor_id, "name": name, "role": role,
                 "action": action, "detail": stored_detail, "prev": previous, "hash": row_hash})
            previous = row_hash


def test_an_old_database_is_sealed_and_its_people_recorded(database_url):
    assert not seals.key_path().exists()  # the upgrade creates the key, on first use
    engine = schema_at_0003(database_url)
    fill_as_0003_did(engine)
    engine.dispose()
    with open_store(database_url) as store:
        assert desk.verify_history(store) == []
        with store.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT id, row_sha256 FROM audit_log ORDER BY id")).all()
            records = connection.execute(text(
                "SELECT user_id, change, role FROM user_records ORDER BY id")).all()
        assert [tuple(r) for r in records] == [(1, "recorded", "manager"),
                                               (2, "recorded", "comms")]
        manager = desk.sign_in(store, "Marc Lambert", "903417")  # its PIN hash upgraded
        desk.change_role(store, manager, "Léa Peeters", "reception",
                         ("Marc Lambert", "903417"))
        assert desk.verify_history(store) == []
    assert len(rows) == len(LINES)
    assert seals.key_path().stat().st_mode & 0o777 == 0o600


def test_the_upgrade_does_not_launder_a_row_already_forged(database_url):
    engine = schema_at_0003(database_url)
    fill_as_0003_did(engine, tamper_with=3)
    engine.dispose()
    with open_store(database_url) as store:
        problems = desk.verify_history(store)
    assert any("audit_log is broken at row 3:" in p for p in problems), problems
