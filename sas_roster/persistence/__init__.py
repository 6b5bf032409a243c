"""Storage: SQLAlchemy 2.x models, engine and sessions, Alembic migrations, repositories.

Only the services write. Everything here hands out domain objects (detached dataclasses),
never ORM rows.
"""

from .engine import database_url, default_database_url, make_engine, make_session_factory
from .migrate import head_revision, upgrade_database

__all__ = [
    "database_url",
    "default_database_url",
    "head_revision",
    "make_engine",
    "make_session_factory",
    "upgrade_database",
]
