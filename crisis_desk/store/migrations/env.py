"""Alembic environment: migrations run on the connection the store hands over.

There is no alembic.ini: ``crisis_desk.store.database.migrate`` builds the
configuration in code and passes an open connection (already in a transaction)
through ``config.attributes["connection"]``.
"""

from alembic import context

from crisis_desk.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
