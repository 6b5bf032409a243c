"""Root test configuration: offscreen Qt before anything imports it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
# The audit chain's key: a file of the test run, never the developer's keyring or config folder.
if not os.environ.get("SAS_ROSTER_AUDIT_KEY_FILE"):
    import tempfile

    os.environ["SAS_ROSTER_AUDIT_KEY_FILE"] = os.path.join(tempfile.mkdtemp(prefix="sas-audit-key-"), "audit.key")
