"""The history key: the secret that seals the hash chains, kept outside the database.

A plain SHA-256 chain shows a row that was changed, but not a row forged with
its hashes recomputed: anyone with SQL access can recompute them. So each row
of a chain (approvals, the audit log, the records of people) is sealed with an
HMAC-SHA-256 under a key that lives in a file of the data folder
(``history.key``, readable by its owner only), never in the database. The
database keeps only the key's id, so a desk that lacks the key says so instead
of sealing with another one.

The file holds one key per line (hex); the first is the one given to a new
database, the others are keys of shared databases this desk was given (a
PostgreSQL database used by several desks needs the same key on each).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from crisis_desk.i18n import _
from crisis_desk.store.errors import StorageError, data_folder_unusable
from crisis_desk.support.paths import DataFolderError, data_dir

KEY_FILE = "history.key"
KEY_FILE_VARIABLE = "CRISIS_DESK_KEY_FILE"  # elsewhere than the data folder, e.g. with --db
KEY_BYTES = 32
GENESIS = "0" * 64  # the link of a chain's first row

# The columns each chain seals, in order (the hash also covers the table name and the link).
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "approvals": ("id", "document_id", "decision", "incident_version", "sha256", "user_id",
                  "user_name", "at", "comment"),
    "audit_log": ("id", "at", "actor_id", "actor_name", "actor_role", "action", "incident_id",
                  "document_id", "detail"),
    "user_records": ("id", "user_id", "change", "name", "role", "active", "pin_hash", "at",
                     "actor_id", "actor_name"),
}


def key_path() -> Path:
    """Where this desk keeps its history keys: ``CRISIS_DESK_KEY_FILE``, else the data
    folder (whose failure is worded like every other use of it)."""
    chosen = os.environ.get(KEY_FILE_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    try:
        return data_dir() / KEY_FILE
    except DataFolderError as exc:
        raise data_folder_unusable(exc) from None


def key_id(key: bytes) -> str:
    """A short public name of a key: it tells which key sealed a database, not the key."""
    return hashlib.sha256(b"crisis-desk history key\n" + key).hexdigest()[:16]


def desk_keys() -> list[bytes]:
    """The keys in this desk's key file (none when it does not exist)."""
    path = key_path()
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # a copy made readable by others is tightened
        lines = path.read_text(encoding="ascii").split()
        return [bytes.fromhex(line) for line in lines]
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise StorageError(_("The history key file %(path)s cannot be read: %(reason)s")
                           % {"path": path, "reason": exc}) from None


def new_database_key() -> bytes:
    """The key a new (or newly upgraded) database is sealed with: created on first use."""
    keys = desk_keys()
    if keys:
        return keys[0]
    key = secrets.token_bytes(KEY_BYTES)
    path = key_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(_("The history key file %(path)s cannot be read: %(reason)s")
                           % {"path": path, "reason": exc.strerror or exc}) from None
    try:  # created 0600 from the start, and never over a file that appeared meanwhile
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return desk_keys()[0]
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key


def database_key_id(connection: Connection | Session) -> str | None:
    """The id of the key this database's history is sealed with."""
    return connection.execute(text(
        "SELECT key_id FROM history_keys ORDER BY id DESC LIMIT 1")).scalar()


def database_key(connection: Connection | Session) -> bytes:
    """This database's key, from this desk's key file; refused when the desk lacks it."""
    wanted = database_key_id(connection)
    for key in desk_keys():
        if key_id(key) == wanted:
            return key
    raise StorageError(_("The history of this database is sealed with the key %(id)s, which "
                         "this desk does not have in %(path)s. Copy that key's line from the "
                         "key file of a desk that has it (see the README); until then this "
                         "desk can neither check nor add to the history.")
                       % {"id": wanted, "path": key_path()})


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def sealed_fields(table: str, value_of: Callable[[str], object]) -> list[str]:
    """The sealed columns of one row, as text (``value_of`` reads a column's value)."""
    values = [value_of(column) for column in SEALED_COLUMNS[table]]
    return [_moment(v) if isinstance(v, datetime) else str(v) for v in values]


def _message(table: str, previous: str, fields: list[str]) -> bytes:
    parts = []
    for value in [table, previous, *fields]:
        data = value.encode("utf-8")
        parts.append(f"{len(data)}\n".encode() + data)  # length-prefixed: no two rows collide
    return b"".join(parts)


def plain_hash(table: str, previous: str, fields: list[str]) -> str:
    """The unkeyed SHA-256 the chains used before they were sealed (anyone can compute it)."""
    return hashlib.sha256(_message(table, previous, fields)).hexdigest()


def seal(key: bytes, table: str, previous: str, fields: list[str]) -> str:
    """The HMAC-SHA-256 of a row's content and its link: only the key's holder makes it."""
    return hmac.new(key, _message(table, previous, fields), hashlib.sha256).hexdigest()
