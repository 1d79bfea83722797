"""Hash chains: each approval record and audit line carries its own hash and the previous one's.

Rows written before this revision keep no hashes (the triggers forbid changing
them); the chains start with the first row written after it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CHAINED = ("approvals", "audit_log")


def upgrade() -> None:
    for table in CHAINED:
        op.add_column(table, sa.Column("prev_sha256", sa.String(64), nullable=True))
        op.add_column(table, sa.Column("row_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    for table in CHAINED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_sha256")
            batch.drop_column("prev_sha256")
