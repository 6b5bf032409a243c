"""Root test configuration: offscreen Qt before anything imports it."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
# The command line writes its log file in the user's log folder: keep test runs out of it.
os.environ.setdefault("SAS_ROSTER_LOG_DIR", tempfile.mkdtemp(prefix="sas-roster-test-logs-"))

# The audit chain's key: a file of the test run, never the developer's keyring or config folder.
if not os.environ.get("SAS_ROSTER_AUDIT_KEY_FILE"):
    import tempfile

    os.environ["SAS_ROSTER_AUDIT_KEY_FILE"] = os.path.join(tempfile.mkdtemp(prefix="sas-audit-key-"), "audit.key")


import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _light_password_hashing():
    """Argon2id still, at a cost that keeps account tests fast on a shared 2-core machine."""
    from argon2 import PasswordHasher

    from sas_roster.services import accounts

    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    accounts.use_password_hasher(None)
