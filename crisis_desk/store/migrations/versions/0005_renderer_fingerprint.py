"""A document's content hash, and an approval's, say which renderer computed it.

The desk that saves a version renders every document once to hash it; another
desk (the manager's, the print desk's) rendered it all again to know where each
document stands, which took seconds for a network's posters on a busy machine.
With the fingerprint of the renderer beside the hash (of a document's version,
and of what an approval found the approved version to read), a desk whose
renderer is the same takes the hash as it is. Existing rows have none: they are
rendered again, as before. The fingerprint is not part of an approval's seal.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("documents", "approvals"):
        op.add_column(table, sa.Column("sha256_renderer", sa.String(64), nullable=True))


def downgrade() -> None:
    for table in ("approvals", "documents"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("sha256_renderer")
