"""Users are found by a Unicode-folded name key, the same on SQLite and PostgreSQL.

SQLite's ``lower()`` folds only ASCII, so "Élodie" could not sign in and
"ÉLODIE" could be added beside her. The key is the name in NFC, case-folded
(``str.casefold``), in NFC again. Existing names get their key here; two old
names that fold to the same key keep distinct keys (the later one marked with
its id), so the upgrade never fails.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFC", folded)


def upgrade() -> None:
    op.add_column("users", sa.Column("name_key", sa.String(400), nullable=True))
    bind = op.get_bind()
    seen: set[str] = set()
    for user_id, name in bind.execute(sa.text("SELECT id, name FROM users ORDER BY id")):
        key = _key(name)
        if key in seen:
            key = f"{key}#{user_id}"
        seen.add(key)
        bind.execute(sa.text("UPDATE users SET name_key = :key WHERE id = :id"),
                     {"key": key, "id": user_id})
    op.create_index("uq_users_name_key", "users", ["name_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_name_key", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("name_key")
