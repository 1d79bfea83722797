"""The first schema: users, organisations, incidents, documents, approvals, audit log.

Versions, approval decisions and the audit log are append-only: triggers refuse
any UPDATE or DELETE (and, on PostgreSQL, TRUNCATE) of them.

Revision ID: 0001
Revises:
Create Date: 2026-03-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_log", "incident_versions", "organisation_versions", "approvals")


def _moment(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str, length: int | None = None, nullable: bool = False) -> sa.Column:
    kind = sa.String(length) if length else sa.Text()
    return sa.Column(name, kind, nullable=nullable)


def _number(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    for table in APPEND_ONLY:
        if bind.dialect.name == "sqlite":
            _sqlite_append_only(table)
        else:
            _postgresql_append_only(table)


def _create_tables() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        _text("name", 100), _text("role", 20), _text("pin_hash", 255),
        _number("failed_pins"), _moment("locked_until", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False), _moment("created_at"),
        sa.CheckConstraint("role IN ('comms', 'manager', 'reception')", name="ck_users_role"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "organisations",
        _text("id", 100, nullable=False), _number("latest_version"), _moment("created_at"),
        _number("row_version"),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_table(
        "organisation_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.String(100),
                  sa.ForeignKey("organisations.id",
                                name="fk_organisation_versions_organisation_id"),
                  nullable=False),
        _number("number"), _text("toml"), _text("sha256", 64), _moment("saved_at"),
        _text("saved_by", 200),
        sa.UniqueConstraint("organisation_id", "number",
                            name="uq_organisation_versions_organisation_id"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.String(100),
                  sa.ForeignKey("organisations.id",
                                name="fk_incidents_organisation_id"),
                  nullable=False),
        _number("latest_version"), _moment("created_at"), _text("created_by", 200),
        _number("row_version"),
    )
    op.create_table(
        "incident_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("incident_id", sa.Integer(),
                  sa.ForeignKey("incidents.id", name="fk_incident_versions_incident_id"),
                  nullable=False),
        _number("number"),
        sa.Column("organisation_version_id", sa.Integer(),
                  sa.ForeignKey("organisation_versions.id",
                                name="fk_incident_versions_organisation_version_id"),
                  nullable=False),
        _text("toml"), _text("sha256", 64), _text("kind", 100), _number("update_number"),
        _text("title"), _moment("saved_at"), _text("saved_by", 200),
        sa.UniqueConstraint("incident_id", "number", name="uq_incident_versions_incident_id"),
    )
    op.create_table(
        "autosaves",
        sa.Column("incident_id", sa.Integer(),
                  sa.ForeignKey("incidents.id", name="fk_autosaves_incident_id"),
                  nullable=False),
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("users.id", name="fk_autosaves_user_id"), nullable=False),
        _number("base_version"), _text("toml"), _moment("saved_at"),
        sa.PrimaryKeyConstraint("incident_id", "user_id", name="pk_autosaves"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("incident_id", sa.Integer(),
                  sa.ForeignKey("incidents.id", name="fk_documents_incident_id"),
                  nullable=False),
        _text("kind", 40), _text("site", 100), _text("languages", 100), _text("number", 250),
        _text("state", 20), _number("version"), _text("sha256", 64, nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        _text("submitted_sha256", 64, nullable=True), _moment("submitted_at", nullable=True),
        _text("submitted_by", 200, nullable=True), _text("approved_sha256", 64, nullable=True),
        _number("approved_version", nullable=True), _moment("approved_at", nullable=True),
        _text("approved_by", 200, nullable=True), _text("comment"), _number("row_version"),
        sa.UniqueConstraint("incident_id", "kind", "site", "languages",
                            name="uq_documents_incident_id"),
        sa.CheckConstraint("state IN ('draft', 'submitted', 'approved')",
                           name="ck_documents_state"),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(),
                  sa.ForeignKey("documents.id", name="fk_approvals_document_id"),
                  nullable=False),
        _text("decision", 20), _number("incident_version"), _text("sha256", 64),
        sa.Column("user_id", sa.Integer(),
                  sa.ForeignKey("users.id", name="fk_approvals_user_id"), nullable=False),
        _text("user_name", 200), _moment("at"), _text("comment"),
        sa.CheckConstraint("decision IN ('approved', 'sent_back')",
                           name="ck_approvals_decision"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _moment("at"), _number("actor_id", nullable=True), _text("actor_name", 200),
        _text("actor_role", 20), _text("action", 40), _number("incident_id", nullable=True),
        _number("document_id", nullable=True), _text("detail"),
    )
    op.create_index("ix_audit_log_incident_id", "audit_log", ["incident_id"])


def _sqlite_append_only(table: str) -> None:
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def _postgresql_append_only(table: str) -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION crisis_desk_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
    )
    op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
               "FOR EACH ROW EXECUTE FUNCTION crisis_desk_append_only()")
    op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
               "FOR EACH STATEMENT EXECUTE FUNCTION crisis_desk_append_only()")


def downgrade() -> None:
    for table in ("audit_log", "approvals", "documents", "autosaves", "incident_versions",
                  "incidents", "organisation_versions", "organisations", "users"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS crisis_desk_append_only()")
