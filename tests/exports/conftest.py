from tests.exports.fixtures import published, published_file  # noqa: F401
