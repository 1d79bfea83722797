"""Database fixtures for the storage and workflow tests: each test runs on SQLite and PostgreSQL.

PostgreSQL is the real server named by ``CRISIS_DESK_TEST_PG_URL`` (for example
``postgresql+psycopg://crisis:crisis@127.0.0.1:5432/crisis_test``); without it
those runs are skipped with the reason. Every test gets a fresh SQLite file, or
a fresh PostgreSQL schema (dropped afterwards), so tests never see each other.

The root conftest loads them for every test module.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

PG_ENV = "CRISIS_DESK_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")
PINS = {"manager": "903417", "comms": "482139", "reception": "555512"}


class SteppingClock:
    """A clock the tests move forward by hand (lock-outs last minutes; tests do not wait)."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def _postgresql_url(base: str):
    """A URL whose connections use a schema of their own; yields it, then drops the schema."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A URL to an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crisis-desk.sqlite3'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL run skipped: set {PG_ENV} to a server's URL, e.g. "
                    "postgresql+psycopg://crisis:crisis@127.0.0.1:5432/crisis_test")
    yield from _postgresql_url(base)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def store(database_url, clock):
    """An open, migrated store on a fresh database."""
    from crisis_desk.store.database import open_store

    opened = open_store(database_url, clock=clock)
    yield opened
    opened.close()


@dataclass(frozen=True)
class People:
    """One person per role, already in the database."""

    manager: object
    comms: object
    reception: object
    pins: dict[str, str]  # role -> PIN


@pytest.fixture
def people(store) -> People:
    """A manager (PIN 903417), a communication officer (482139) and a receptionist (555512)."""
    from crisis_desk import desk

    manager = desk.add_user(store, None, "Marc Lambert", "manager", PINS["manager"])
    boss = desk.Actor(manager.id, manager.name, manager.role)
    comms = desk.add_user(store, boss, "Léa Peeters", "comms", PINS["comms"])
    reception = desk.add_user(store, boss, "Rita Schmit", "reception", PINS["reception"])
    return People(boss, desk.Actor(comms.id, comms.name, comms.role),
                  desk.Actor(reception.id, reception.name, reception.role), dict(PINS))


@pytest.fixture
def stored(store, people, demo):
    """The demo organisation and incident, imported by the communication officer."""
    from crisis_desk import desk

    org, incident = demo
    return desk.import_incident(store, people.comms, org, incident)
