"""Alembic environment, used both by the app (``upgrade_database``) and by the ``alembic`` CLI.

The app passes its own connection in ``config.attributes["connection"]``. From the command
line: ``alembic -c sas_roster/persistence/migrations/alembic.ini [-x db=URL] upgrade head``
(the URL defaults to ``$SAS_ROSTER_DB_URL``, then the user's data file, as for the app).
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from sas_roster.persistence import models  # noqa: F401  (registers every table)
from sas_roster.persistence.base import Base
from sas_roster.persistence.engine import database_url, is_sqlite, make_engine

config = context.config
target_metadata = Base.metadata

# The alembic command line gets its logging from alembic.ini; the app keeps its own logging.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    if connection is not None:
        sqlite = is_sqlite(connection.engine)
    else:
        assert url is not None, "alembic configured with neither a connection nor a URL"
        sqlite = is_sqlite(url)
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=sqlite,
        # Our SQLite engine emits BEGIN itself, so DDL is transactional there too: a failing
        # migration rolls back whole instead of leaving a half-built schema.
        transactional_ddl=True,
        compare_type=True,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    _configure(url=context.get_x_argument(as_dictionary=True).get("db") or database_url(None))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or database_url(None)
    # Foreign keys off while batch mode rebuilds SQLite tables (as upgrade_database does).
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
