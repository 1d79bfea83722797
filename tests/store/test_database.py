"""Opening the database: defaults, engine settings, migrations, append-only history, locking."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import text, update

from crisis_desk import desk
from crisis_desk.store.database import open_store, parse_url
from crisis_desk.store.errors import ConflictError, StorageError
from crisis_desk.store.tables import APPEND_ONLY_TABLES, Base, IncidentRow


def test_the_embedded_database_is_created_in_the_data_folder(private_data_dir):
    with open_store() as opened:
        assert opened.backend == "sqlite"
        assert desk.needs_first_manager(opened)
    assert (private_data_dir / "crisis-desk.sqlite3").is_file()


def test_crisis_desk_db_chooses_another_database(tmp_path, monkeypatch):
    chosen = tmp_path / "elsewhere" / "desk.db"
    monkeypatch.setenv("CRISIS_DESK_DB", f"sqlite:///{chosen}")
    with open_store():
        pass
    assert chosen.is_file()


def test_sqlite_is_opened_for_safe_writing(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as opened, opened.reading() as session:
        def pragma(name):
            return session.execute(text(f"PRAGMA {name}")).scalar()
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 30_000


@pytest.mark.parametrize("url", ["not a url", "mysql://user@host/db", "oracle://x"])
def test_unusable_urls_are_refused_clearly(url):
    with pytest.raises(StorageError, match="database URL|Unsupported database"):
        parse_url(url)


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(StorageError, match="could not be used"):
        open_store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_the_migrated_schema_is_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_opening_again_keeps_everything(database_url, stored):
    with open_store(database_url) as again:
        assert [i.id for i in desk.incidents(again)] == [stored.incident_id]


def test_a_database_from_a_newer_version_is_refused(database_url, store):
    with store.writing() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    with pytest.raises(StorageError, match="newer"):
        open_store(database_url)


def test_concurrent_first_opens_create_one_schema(database_url):
    stores, errors = [], []

    def open_one():
        try:
            stores.append(open_store(database_url))
        except Exception as exc:  # reported below, with its type
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for opened in stores:
        opened.close()


def test_the_file_holds_no_pin_in_clear(tmp_path, demo):
    path = tmp_path / "desk.db"
    with open_store(f"sqlite:///{path}") as opened:
        boss = desk.add_user(opened, None, "Marc", "manager", "918273")
        manager = desk.Actor(boss.id, boss.name, boss.role)
        desk.add_user(opened, manager, "Léa", "comms", "564738")
        desk.sign_in(opened, "Léa", "564738")
        with pytest.raises(desk.SignInFailed):
            desk.sign_in(opened, "Léa", "111999")
        files = sorted(tmp_path.glob("desk.db*"))
        assert _bytes(files).count(b"scrypt$") >= 2  # the hashes are in the files we read
        for pin in (b"918273", b"564738", b"111999"):
            assert pin not in _bytes(files)
    assert b"918273" not in path.read_bytes() and b"scrypt$" in path.read_bytes()


def _bytes(files) -> bytes:
    return b"".join(f.read_bytes() for f in files)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_the_history_refuses_raw_update_and_delete(store, people, stored, table):
    documents = desk.submit(store, people.comms, stored.incident_id, stored.version)
    desk.approve(store, people.manager, people.pins["manager"], documents[0].id,
                 documents[0].submitted_sha256)
    with store.engine.connect() as connection:
        assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0
    for statement in (f"UPDATE {table} SET id = id + 1000", f"DELETE FROM {table}"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))
    if store.backend == "postgresql":
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {table} CASCADE"))


def test_an_update_over_a_row_changed_meanwhile_is_a_conflict(store, stored):
    with pytest.raises(ConflictError), store.writing() as session:
        row = session.get(IncidentRow, stored.incident_id)
        # Another desk's commit, as the database sees it: the row version moves on.
        session.execute(update(IncidentRow).where(IncidentRow.id == row.id)
                        .values(row_version=IncidentRow.row_version + 1)
                        .execution_options(synchronize_session=False))
        row.latest_version += 1
    assert desk.load_incident(store, stored.incident_id).latest_version == stored.version


def test_desks_saving_at_once_one_wins_the_others_conflict(database_url, store, people, stored):
    desks = 4
    stores = [open_store(database_url) for _ in range(desks)]
    barrier = threading.Barrier(desks)
    outcomes: list[str] = []

    def save(number):
        edited = replace(stored.incident, facts={**stored.incident.facts, "fr": f"desk {number}"})
        barrier.wait()
        try:
            desk.save_incident(stores[number], people.comms, stored.incident_id, edited,
                               stored.version)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(desks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    assert sorted(outcomes) == ["conflict"] * (desks - 1) + ["saved"]
    assert [v.number for v in desk.versions(store, stored.incident_id)] == [1, 2]
