"""Root test configuration: offscreen Qt before anything imports it."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
# The command line writes its log file in the user's log folder: keep test runs out of it.
os.environ.setdefault("SAS_ROSTER_LOG_DIR", tempfile.mkdtemp(prefix="sas-roster-test-logs-"))
