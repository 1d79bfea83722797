"""Storage: the database that keeps organisations, incidents, documents, users and the audit log.

One schema, through SQLAlchemy and Alembic, for the embedded SQLite file (the
default, in the user's data folder) and for a shared PostgreSQL server. No
rendering and no workflow here: those are ``crisis_desk.desk``'s. The modules are
imported on demand (``crisis_desk.store.database`` and so on) so that the command
line pays for SQLAlchemy only when a command needs the database.
"""
