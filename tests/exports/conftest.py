from tests.persistence.fixtures import db_url, engine, migrated_file, services, sessions  # noqa: F401
