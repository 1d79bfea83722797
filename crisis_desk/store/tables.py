"""The database schema as typed SQLAlchemy models.

The situation itself is kept as text: every saved version of an organisation
profile or an incident is its canonical TOML (see ``serialise``), so what was
approved can always be rebuilt exactly. The other columns are metadata for
lists, the workflow and the audit log. Versions, approval decisions and the
audit log are append-only: the code never updates or deletes them, database
triggers (created by the migration) refuse it from anywhere else, and the
approvals and the audit log are hash-chained so that what gets past the
triggers is still found.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from crisis_desk.domain.roles import ROLES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

DOCUMENT_STATES = ("draft", "submitted", "approved")
DECISIONS = ("approved", "sent_back")
APPEND_ONLY_TABLES = ("audit_log", "incident_versions", "organisation_versions", "approvals",
                      "user_records", "history_keys")
PERSON_CHANGES = ("added", "role", "deactivated", "reactivated", "pin_reset", "pin_upgraded",
                  "recorded")
# On users: no DELETE, and no change of name, role, state or PIN without its record.
USERS_TRIGGERS = ("users_no_delete", "users_as_recorded")


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and always read back as an aware datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored moment needs a time zone")
        value = value.astimezone(UTC)
        # SQLite has no time zones: keep the UTC wall time, marked again on reading.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """The declarative base, with constraint names Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UserRow(Base):
    """A person who signs in: name, role and the salted hash of their PIN."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),
                      Index("uq_users_name_key", "name_key", unique=True))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The name case-folded over NFC (see desk.people.name_key): sign-in and duplicates.
    name_key: Mapped[str | None] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(255))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OrganisationRow(Base):
    """An organisation profile; its content lives in its versions."""

    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    latest_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    row_version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}


class OrganisationVersionRow(Base):
    """One saved state of a profile, as canonical TOML (append-only)."""

    __tablename__ = "organisation_versions"
    __table_args__ = (UniqueConstraint("organisation_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    number: Mapped[int] = mapped_column(Integer)
    toml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    saved_by: Mapped[str] = mapped_column(String(200))


class IncidentRow(Base):
    """An incident: its versions hold the content; ``row_version`` guards concurrent saves."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    latest_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}


class IncidentVersionRow(Base):
    """One saved state of an incident, as canonical TOML, with the profile it used."""

    __tablename__ = "incident_versions"
    __table_args__ = (UniqueConstraint("incident_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    number: Mapped[int] = mapped_column(Integer)
    organisation_version_id: Mapped[int] = mapped_column(ForeignKey("organisation_versions.id"))
    toml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(100))
    update_number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    saved_by: Mapped[str] = mapped_column(String(200))


class AutosaveRow(Base):
    """Unsaved typing of one person on one incident, kept every few seconds."""

    __tablename__ = "autosaves"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    base_version: Mapped[int] = mapped_column(Integer)
    toml: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DocumentRow(Base):
    """One document of an incident (kind, site, languages) and where it is in the workflow."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("incident_id", "kind", "site", "languages"),
        CheckConstraint(_in("state", DOCUMENT_STATES), name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[str] = mapped_column(String(40))
    site: Mapped[str] = mapped_column(String(100))  # "" when it covers every site
    languages: Mapped[str] = mapped_column(String(100))  # "fr,nl"
    number: Mapped[str] = mapped_column(String(250))
    state: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)  # the incident version of its content
    sha256: Mapped[str | None] = mapped_column(String(64))  # None: cannot be rendered yet
    # The fingerprint of the renderer that computed sha256: a desk whose renderer has the
    # same one would render the same bytes, so it need not render the version again.
    sha256_renderer: Mapped[str | None] = mapped_column(String(64))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)  # False: site or language gone
    submitted_sha256: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    approved_sha256: Mapped[str | None] = mapped_column(String(64))
    approved_version: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")  # the last send-back comment
    row_version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}


class ApprovalRow(Base):
    """A manager's decision on a document: approved or sent back (append-only)."""

    __tablename__ = "approvals"
    __table_args__ = (CheckConstraint(_in("decision", DECISIONS), name="decision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    decision: Mapped[str] = mapped_column(String(20))
    incident_version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # The renderer that found the approved content to read as sha256 (see DocumentRow);
    # not sealed: it only spares a desk with the same renderer rendering it again.
    sha256_renderer: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (see crisis_desk.desk.chains); None on rows older than the chain.
    prev_sha256: Mapped[str | None] = mapped_column(String(64))
    row_sha256: Mapped[str | None] = mapped_column(String(64))


class AuditRow(Base):
    """One line of the audit log: who did what, when (append-only, no foreign keys)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int | None] = mapped_column(Integer, index=True)
    document_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_sha256: Mapped[str | None] = mapped_column(String(64))  # the hash chain
    row_sha256: Mapped[str | None] = mapped_column(String(64))


class UserRecordRow(Base):
    """One change to a person, with their whole state after it (append-only, sealed).

    The ``users`` row must always match its person's last record: the desk refuses
    to trust an account whose row does not, and a trigger refuses a change of name,
    role, state or PIN that no record backs (see crisis_desk.desk.person_records).
    """

    __tablename__ = "user_records"
    __table_args__ = (CheckConstraint(_in("change", PERSON_CHANGES), name="change"),
                      Index("ix_user_records_user_id", "user_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    change: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean)
    pin_hash: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    prev_sha256: Mapped[str | None] = mapped_column(String(64))  # the sealed chain
    row_sha256: Mapped[str | None] = mapped_column(String(64))


class HistoryKeyRow(Base):
    """The id of the key that seals this database's chains (the key itself is never here)."""

    __tablename__ = "history_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
