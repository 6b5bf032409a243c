"""The secret key of the audit chain: never in the database.

The chain is keyed (HMAC) so that someone who can write the database file cannot recompute
it after an edit. The key lives in the system keyring (Windows Credential Manager, macOS
Keychain, Secret Service); where no keyring is usable it lives in a file readable by the user
only, in the user's configuration folder. ``SAS_ROSTER_AUDIT_KEY_FILE`` names another file
(tests, or an association that copies one key to every coordinator's machine sharing a
PostgreSQL database).
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "sas-roster"
KEYRING_SERVICE = "sas-roster"
KEYRING_USER = "audit-chain-key"
KEY_FILE_ENV = "SAS_ROSTER_AUDIT_KEY_FILE"
KEY_BYTES = 32


def key_file_path() -> Path:
    override = os.environ.get(KEY_FILE_ENV, "").strip()
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_NAME)) / "audit.key"


def _from_keyring() -> bytes | None:
    try:
        import keyring

        text = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # no usable backend (headless Linux, locked keychain): use the file
        return None
    return base64.b64decode(text) if text else None


def _to_keyring(key: bytes) -> bool:
    """True when the keyring really kept the key (the null backend silently drops it)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, base64.b64encode(key).decode())
    except Exception:
        return False
    return _from_keyring() == key


def _from_file(path: Path) -> bytes | None:
    if not path.exists():
        return None
    return base64.b64decode(path.read_text(encoding="ascii").strip())


def _to_file(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created with owner-only rights from the start (no window where others could read it).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(base64.b64encode(key).decode() + "\n")


def load_or_create_key() -> bytes:
    """The installation's audit key: keyring first, then the key file; made on first use."""
    if not os.environ.get(KEY_FILE_ENV):
        key = _from_keyring()
        if key:
            return key
    path = key_file_path()
    key = _from_file(path)
    if key:
        return key
    key = secrets.token_bytes(KEY_BYTES)
    if not os.environ.get(KEY_FILE_ENV) and _to_keyring(key):
        return key
    _to_file(path, key)
    return key


_cached: bytes | None = None
_provider: Callable[[], bytes] = load_or_create_key


def audit_key() -> bytes:
    global _cached
    if _cached is None:
        _cached = _provider()
    return _cached


def set_key_provider(provider: Callable[[], bytes] | None) -> None:
    """Use another key source (None: back to the keyring/file); forgets the cached key."""
    global _cached, _provider
    _provider = provider or load_or_create_key
    _cached = None
