"""PostgreSQL: the application's role adds to the history and can never rewrite it.

Needs a server (``CRISIS_DESK_TEST_PG_URL``, the owner) and a second login role
without privileges of its own (``CRISIS_DESK_TEST_PG_APP_URL``); CI creates
both (see .ci/run). The tables are created by the owner, ``db grant`` gives the
application role its rights, and every way of altering history is tried as it.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from crisis_desk import desk
from crisis_desk.cli import main as cli
from crisis_desk.store.database import open_store
from tests.storage_fixtures import PG_ENV, _postgresql_url

APP_ENV = "CRISIS_DESK_TEST_PG_APP_URL"
ATTACKS = (
    "UPDATE approvals SET user_name = 'Someone else'",
    "DELETE FROM approvals",
    "UPDATE audit_log SET detail = ''",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "TRUNCATE approvals CASCADE",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "ALTER TABLE approvals DISABLE TRIGGER USER",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "DROP TABLE audit_log CASCADE",
    "UPDATE incident_versions SET toml = ''",
    # the records of people: only added to; the working row follows them
    "UPDATE user_records SET role = 'manager'",
    "DELETE FROM user_records",
    "TRUNCATE user_records CASCADE",
    "ALTER TABLE user_records DISABLE TRIGGER ALL",
    "DROP TRIGGER user_records_append_only ON user_records",
    "UPDATE users SET role = 'manager'",
    "UPDATE users SET pin_hash = (SELECT pin_hash FROM users WHERE name = 'Marc')",
    "DELETE FROM users",
    "ALTER TABLE users DISABLE TRIGGER users_as_recorded",
    "DROP TRIGGER users_as_recorded ON users",
    "UPDATE history_keys SET key_id = ''",
)


@pytest.fixture
def owner_url():
    base = os.environ.get(PG_ENV)
    if not base or not os.environ.get(APP_ENV):
        pytest.skip(f"PostgreSQL role test skipped: set {PG_ENV} (the owner) and {APP_ENV} "
                    "(a login role that owns nothing)")
    yield from _postgresql_url(base)


def _app_url(owner_url: str) -> str:
    app = make_url(os.environ[APP_ENV])
    schema_option = make_url(owner_url).query["options"]
    return app.update_query_dict({"options": schema_option}).render_as_string(
        hide_password=False)


def test_the_application_role_cannot_rewrite_history(owner_url, demo, capsys):
    role = make_url(os.environ[APP_ENV]).username
    with open_store(owner_url) as owner:
        manager = desk.add_user(owner, None, "Marc", "manager", "918273")
        boss = desk.Actor(manager.id, manager.name, manager.role)
        desk.add_user(owner, boss, "Léa", "comms", "482139")
    assert cli.main(["--db", owner_url, "db", "grant", role]) == 0
    assert "cannot rewrite its history" in capsys.readouterr().out
    with open_store(_app_url(owner_url)) as app:  # the desk runs as the application role
        officer = desk.sign_in(app, "Léa", "482139")
        org, incident = demo
        snapshot = desk.import_incident(app, officer, org, incident)
        desk.submit(app, officer, snapshot.incident_id, snapshot.version)
        chief = desk.sign_in(app, "Marc", "918273")
        doc = desk.awaiting_approval(app, snapshot.incident_id)[0]
        desk.approve(app, chief, "918273", doc.id, doc.submitted_sha256)
        for attack in ATTACKS:
            with pytest.raises(DBAPIError), app.engine.begin() as connection:
                connection.execute(text(attack))
        assert desk.verify_history(app) == []
        assert desk.approval_mark(app, doc.id) is not None
        # The desk itself still changes people, through their records.
        consent = ("Marc", "918273")
        desk.change_role(app, chief, "Léa", "reception", consent)
        desk.reset_pin(app, chief, "Léa", "604938", consent)
        assert desk.sign_in(app, "Léa", "604938").role == "reception"
        assert desk.verify_history(app) == []


def test_grant_refuses_a_bad_role_name(owner_url, capsys):
    assert cli.main(["--db", owner_url, "db", "grant", 'x"; DROP TABLE users; --']) == 1
    assert "not a role name" in capsys.readouterr().err
