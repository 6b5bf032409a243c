from tests.exports.fixtures import published, published_file  # noqa: F401
from tests.persistence.fixtures import db_url, engine, migrated_file, services, sessions  # noqa: F401
