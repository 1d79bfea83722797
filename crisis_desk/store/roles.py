"""PostgreSQL roles: the owner creates and migrates the schema, the application only uses it.

On a shared server the application's own login must not be able to rewrite
history: whoever owns a table can disable its triggers, truncate or drop it. So
the schema is created and migrated by an owner role (``crisis-desk --db
OWNER_URL db grant APP_ROLE``), and the application connects as a role that
may only read and add to the history tables (versions, approvals, audit log),
and read and change the working tables (users, incidents, documents,
autosaves). It owns nothing, so it can neither drop, truncate nor alter a
table, nor disable a trigger.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from crisis_desk.i18n import _
from crisis_desk.store.database import Store
from crisis_desk.store.errors import StorageError
from crisis_desk.store.tables import APPEND_ONLY_TABLES

WORKING_TABLES = ("users", "organisations", "incidents", "documents", "autosaves")
READ_ONLY_TABLES = ("alembic_version",)
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _checked_name(name: str) -> str:
    # Names go into the statements themselves (GRANT takes no parameters): only plain ones.
    if not _ROLE_NAME.match(name):
        raise StorageError(_("'%(name)s' is not a role name this command accepts (lower-case "
                             "letters, digits and _).") % {"name": name})
    return name


def grant_statements(role: str, schema: str) -> list[str]:
    """The GRANTs that let ``role`` run the desk, and nothing more."""
    role, schema = _checked_name(role), _checked_name(schema)
    statements = [f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"']
    statements += [f'GRANT SELECT, INSERT ON "{schema}"."{table}" TO "{role}"'
                   for table in APPEND_ONLY_TABLES]
    statements += [f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{schema}"."{table}" TO "{role}"'
                   for table in WORKING_TABLES]
    statements += [f'GRANT SELECT ON "{schema}"."{table}" TO "{role}"'
                   for table in READ_ONLY_TABLES]
    statements.append(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"')
    return statements


def grant_application_role(store: Store, role: str) -> list[str]:
    """Give ``role`` the application's rights on this (owner's) database; the statements run."""
    if store.backend != "postgresql":
        raise StorageError(_("Roles exist only on PostgreSQL: an embedded SQLite database is "
                             "protected by its file's permissions."))
    _checked_name(role)
    with store.engine.begin() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"),
                                    {"role": role}).first()
        if exists is None:
            raise StorageError(_("There is no PostgreSQL role %(role)s: create it first "
                                 "(CREATE ROLE %(role)s LOGIN PASSWORD '…').") % {"role": role})
        statements = grant_statements(role, schema)
        for statement in statements:
            connection.execute(text(statement))
    return statements
