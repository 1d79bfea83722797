"""Opening the database: engine settings, migrations, and short transactions.

SQLite (the default) runs in WAL mode with ``synchronous=FULL``, foreign keys
on and a busy timeout, and every writing transaction starts with
``BEGIN IMMEDIATE`` so that two desks on one file queue up instead of failing
half-way. PostgreSQL needs nothing special: every change is one transaction and
concurrent saves are caught by optimistic locking. The schema is brought up to
date by Alembic each time a store is opened.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool

from crisis_desk.i18n import _
from crisis_desk.store.errors import ConflictError, StorageError, data_folder_unusable
from crisis_desk.support import resources
from crisis_desk.support.paths import DataFolderError, default_database_url

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.pool import ConnectionPoolEntry

MIGRATIONS = resources.migrations_dir()
BUSY_TIMEOUT_SECONDS = 30
APPEND_ONLY_MARK = "is append-only"  # in the triggers' error message
RECORDED_MARK = "changes only with its record"  # the users trigger's (migration 0004)
MIGRATION_LOCK = 0x43_52_49_53  # PostgreSQL advisory lock: one desk migrates at a time
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # a committed approval survives a power cut too
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}",
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


class Store:
    """An open database: an engine, the clock the workflow uses, and transactions."""

    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        self._writer = engine.execution_options(crisis_desk_writing=True)

    @property
    def url(self) -> str:
        """The database URL, without its password."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def now(self) -> datetime:
        return self.clock()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading: one consistent snapshot, nothing written."""
        with _database_errors(), Session(self.engine, expire_on_commit=False) as session, \
                session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        with _database_errors(), Session(self._writer, expire_on_commit=False) as session, \
                session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def _database_errors() -> Iterator[None]:
    """Turn what the database reports into messages a person can act on."""
    try:
        yield
    except StaleDataError:
        raise ConflictError(_("Someone else saved this at the same time; nothing was "
                              "overwritten. Reload and try again.")) from None
    except DBAPIError as exc:
        raise _explained(exc) from None


def _explained(exc: DBAPIError) -> StorageError:
    if APPEND_ONLY_MARK in str(exc.orig):  # raised by the triggers of the migration
        return StorageError(_("The history (versions, approvals and the audit log) can only "
                              "be added to, never changed or deleted."))
    if RECORDED_MARK in str(exc.orig):
        return StorageError(_("A person's name, role, state or PIN changes only through the "
                              "desk, which records each change."))
    if isinstance(exc, IntegrityError):
        return ConflictError(_("Another desk saved the same thing at the same time; nothing "
                               "was overwritten. Reload and try again."))
    return StorageError(_("The database could not be used: %(reason)s")
                        % {"reason": _first_line(exc.orig)})


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def parse_url(url: str | None) -> URL:
    """The URL to open: the one given, else ``CRISIS_DESK_DB``, else the embedded file."""
    try:
        text = url or default_database_url()
    except DataFolderError as exc:  # the embedded file's folder cannot be written
        raise data_folder_unusable(exc) from None
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StorageError(_("'%(url)s' is not a database URL (try sqlite:///PATH or "
                             "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE)")
                           % {"url": text}) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(_("Unsupported database '%(backend)s': use SQLite or PostgreSQL.")
                           % {"backend": parsed.get_backend_name()})
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def open_store(url: str | None = None, *, clock: Clock = utc_now) -> Store:
    """Open (and create or upgrade, when needed) the database at ``url``."""
    parsed = parse_url(url)
    try:
        engine = _sqlite_engine(parsed) if parsed.get_backend_name() == "sqlite" \
            else create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StorageError(_("The database driver for '%(url)s' is not installed.")
                           % {"url": parsed.render_as_string(hide_password=True)}) from None
    store = Store(engine, clock)
    try:
        migrate(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            _private_files(Path(database).expanduser())
        except OSError as exc:
            raise StorageError(_("Cannot create the folder for the database %(path)s: "
                                 "%(reason)s") % {"path": database,
                                                  "reason": exc.strerror}) from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
                           poolclass=StaticPool if in_memory else None)
    event.listen(engine, "connect", _prepare_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _private_files(database: Path) -> None:
    """The database file only its owner can read: it holds the PIN hashes.

    Created empty with mode 0600 before SQLite opens it, so it is never readable by
    others even for a moment; SQLite gives its WAL and shared-memory files the
    database file's mode. Files left readable by an older version are tightened.
    """
    # An existing file is never opened for writing here: a read-only database must
    # still open, to export from it.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and path.stat().st_mode & 0o077:
            with contextlib.suppress(PermissionError):  # not ours to tighten
                path.chmod(0o600)


def _prepare_sqlite_connection(dbapi_connection: sqlite3.Connection,
                               _record: ConnectionPoolEntry) -> None:
    # Transactions are begun by _begin_sqlite_transaction, not by the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    writing = connection.get_execution_options().get("crisis_desk_writing", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def head_revision() -> str | None:
    """The newest migration's id, read from the scripts (None if it is not one clear head)."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r'^revision\s*=\s*["\']([^"\']+)', text, re.MULTILINE)
        parent = re.search(r'^down_revision\s*=\s*["\']([^"\']+)', text, re.MULTILINE)
        if revision:
            revisions.add(revision.group(1))
        if parent:
            parents.add(parent.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _is_current(store: Store) -> bool:
    """True when the schema is already at the head (Alembic need not even be imported)."""
    head = head_revision()
    if head is None:
        return False
    try:
        with store.engine.connect() as connection:
            versions = connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalars().all()
    except DBAPIError:
        return False
    return versions == [head]


def migrate(store: Store) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    if _is_current(store):
        return
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    with _database_errors(), store._writer.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as exc:
            raise StorageError(_("The database %(url)s cannot be used by this version of "
                                 "Crisis Desk (%(reason)s); it may come from a newer one.")
                               % {"url": store.url, "reason": exc}) from None
