"""Sealed chains and the records of people.

Until now the chains were plain SHA-256, which anyone with SQL access can
recompute over a forged row. From here every row is sealed with an HMAC under
the history key, a file of the data folder (``crisis_desk.store.seals``); the
database keeps only the key's id (``history_keys``). The rows already written
are sealed again here, but only as far as their plain chain holds: a row that
was already forged is not laundered, it stays broken.

Every change to a person becomes a sealed record (``user_records``) holding
their whole state; each existing account gets one, as found now. Triggers
refuse to delete a person and to change a name, role, state or PIN that no
record backs; the new tables are append-only like the rest of the history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from crisis_desk.store import seals
from crisis_desk.store.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW_APPEND_ONLY = ("user_records", "history_keys")
RESEALED = ("approvals", "audit_log")
RECORDED_BY = "upgrade"  # the actor of the records made for the accounts found here
# The trigger condition: the person's last record holds exactly the row's new state.
AS_RECORDED = (
    "EXISTS (SELECT 1 FROM user_records r WHERE r.id = (SELECT max(id) FROM user_records "
    "WHERE user_id = NEW.id) AND r.name = NEW.name AND r.role = NEW.role "
    "AND r.active = NEW.active AND r.pin_hash = NEW.pin_hash) AND NEW.id = OLD.id")
RECORDED_COLUMNS = "id, name, name_key, role, active, pin_hash"


def upgrade() -> None:
    _create_tables()
    key = seals.new_database_key()
    bind = op.get_bind()
    keys = _table("history_keys", ("id", "key_id", "created_at"))
    bind.execute(keys.insert(), {"id": 1, "key_id": seals.key_id(key),
                                 "created_at": datetime.now(UTC)})
    for table in RESEALED:
        _reseal(bind, key, table)
    _record_people(bind, key)
    postgresql = bind.dialect.name == "postgresql"
    for table in NEW_APPEND_ONLY:
        _postgresql_append_only(table) if postgresql else _sqlite_append_only(table)
    _postgresql_people_triggers() if postgresql else _sqlite_people_triggers()


def _create_tables() -> None:
    op.create_table(
        "user_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("users.id", name="fk_user_records_user_id"), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pin_hash", sa.String(255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("prev_sha256", sa.String(64), nullable=True),
        sa.Column("row_sha256", sa.String(64), nullable=True),
        sa.CheckConstraint("change IN ('added', 'role', 'deactivated', 'reactivated', "
                           "'pin_reset', 'pin_upgraded', 'recorded')",
                           name="ck_user_records_change"),
    )
    op.create_index("ix_user_records_user_id", "user_records", ["user_id"])
    op.create_table(
        "history_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


TYPES = {"at": UTCDateTime, "created_at": UTCDateTime, "id": sa.Integer, "user_id": sa.Integer,
         "actor_id": sa.Integer, "active": sa.Boolean}


def _table(name: str, columns: tuple[str, ...]) -> sa.Table:
    """A light description of a table, enough to read and write it with its own types."""
    return sa.Table(name, sa.MetaData(), *(
        sa.Column(column, TYPES.get(column, sa.String), primary_key=column == "id")
        for column in columns))


def _reseal(bind: sa.Connection, key: bytes, table: str) -> None:
    """Seal the rows again, from the first as long as their plain chain holds."""
    columns = seals.SEALED_COLUMNS[table]
    described = _table(table, (*columns, "prev_sha256", "row_sha256"))
    rows = bind.execute(sa.select(described).order_by(described.c.id)).all()
    resealed, previous_plain, previous_seal, last_id = [], None, seals.GENESIS, None
    for row in rows:
        fields = seals.sealed_fields(table, row._mapping.__getitem__)
        if row.row_sha256 is not None:  # a row of the plain chain: it must still hold
            expected = previous_plain or seals.GENESIS
            if (last_id is not None and row.id != last_id + 1) or row.prev_sha256 != expected \
                    or seals.plain_hash(table, expected, fields) != row.row_sha256:
                break
        elif previous_plain is not None:
            break  # a row without a hash after the chain began
        sealed = seals.seal(key, table, previous_seal, fields)
        resealed.append({"row_id": row.id, "prev": previous_seal, "sealed": sealed})
        previous_plain, previous_seal, last_id = row.row_sha256, sealed, row.id
    if not resealed:
        return
    _without_append_only(bind, table, lambda: bind.execute(sa.text(
        f"UPDATE {table} SET prev_sha256 = :prev, row_sha256 = :sealed WHERE id = :row_id"),
        resealed))


def _without_append_only(bind: sa.Connection, table: str, work: Callable[[], object]) -> None:
    """Run ``work`` with the table's update trigger lifted (only this migration does)."""
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        work()
        op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
        return
    op.execute(f"DROP TRIGGER {table}_no_update")
    work()
    op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
               f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def _record_people(bind: sa.Connection, key: bytes) -> None:
    """One sealed record per existing account, holding its state as found now."""
    users = _table("users", ("id", "name", "role", "active", "pin_hash"))
    previous, at = seals.GENESIS, datetime.now(UTC).replace(microsecond=0)
    records = []
    for number, user in enumerate(bind.execute(sa.select(users).order_by(users.c.id)), 1):
        record = {"id": number, "user_id": user.id, "change": "recorded", "name": user.name,
                  "role": user.role, "active": bool(user.active), "pin_hash": user.pin_hash,
                  "at": at, "actor_id": None, "actor_name": RECORDED_BY}
        sealed = seals.seal(key, "user_records", previous,
                            seals.sealed_fields("user_records", record.__getitem__))
        records.append({**record, "prev_sha256": previous, "row_sha256": sealed})
        previous = sealed
    if records:
        described = _table("user_records", (*seals.SEALED_COLUMNS["user_records"],
                                            "prev_sha256", "row_sha256"))
        bind.execute(described.insert(), records)


def _sqlite_append_only(table: str) -> None:
    for event in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def _postgresql_append_only(table: str) -> None:
    op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
               "FOR EACH ROW EXECUTE FUNCTION crisis_desk_append_only()")
    op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
               "FOR EACH STATEMENT EXECUTE FUNCTION crisis_desk_append_only()")


def _sqlite_people_triggers() -> None:
    op.execute("CREATE TRIGGER users_no_delete BEFORE DELETE ON users "
               "BEGIN SELECT RAISE(ABORT, 'users is append-only'); END")
    op.execute(f"CREATE TRIGGER users_as_recorded BEFORE UPDATE OF {RECORDED_COLUMNS} ON users "
               f"WHEN NOT ({AS_RECORDED}) "
               "BEGIN SELECT RAISE(ABORT, 'users changes only with its record'); END")


def _postgresql_people_triggers() -> None:
    op.execute("CREATE TRIGGER users_no_delete BEFORE DELETE ON users "
               "FOR EACH ROW EXECUTE FUNCTION crisis_desk_append_only()")
    op.execute(
        "CREATE OR REPLACE FUNCTION crisis_desk_user_as_recorded() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN IF NOT ({AS_RECORDED}) THEN "
        "RAISE EXCEPTION 'users changes only with its record'; END IF; RETURN NEW; END $$")
    op.execute(f"CREATE TRIGGER users_as_recorded BEFORE UPDATE OF {RECORDED_COLUMNS} ON users "
               "FOR EACH ROW EXECUTE FUNCTION crisis_desk_user_as_recorded()")
    op.execute("CREATE TRIGGER users_no_truncate BEFORE TRUNCATE ON users "
               "FOR EACH STATEMENT EXECUTE FUNCTION crisis_desk_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger in ("users_no_delete", "users_as_recorded", "users_no_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON users")
        op.execute("DROP FUNCTION IF EXISTS crisis_desk_user_as_recorded()")
    else:
        for trigger in ("users_no_delete", "users_as_recorded"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("history_keys")
    op.drop_index("ix_user_records_user_id", table_name="user_records")
    op.drop_table("user_records")
