"""The app's log file, and what a failure shows the user.

Tracebacks go to a rotating log file in the user's log folder (platformdirs), never to the
screen unless ``--debug`` asks for them; everything written there goes through `mask`:
RPPS numbers, phone numbers, e-mail addresses and quoted values (names in messages) are
replaced by placeholders, and SQLAlchemy's ``[parameters: …]`` blocks are dropped (the engine
already hides them). The window's background worker and the command line use the same
`report_failure`.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path

import platformdirs

from .domain.errors import DomainError, StorageError

APP_NAME = "sas-roster"
LOG_DIR_ENV = "SAS_ROSTER_LOG_DIR"
LOG_FILE_NAME = "sas-roster.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 5

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[parameters: .*?\](?=\s|$)", re.S), "[parameters: masqués]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<e-mail>"),
    (re.compile(r"(?<![\w+])(?:\+|00)\d{2,3}[\s.-]?\(?0?\)?[\s.-]?\d(?:[\s.-]?\d){7,9}(?!\d)"), "<téléphone>"),
    (re.compile(r"(?<!\d)0\d(?:[\s.-]?\d{2}){4}(?!\d)"), "<téléphone>"),
    (re.compile(r"(?<!\d)\d(?:[ .]?\d){10}(?!\d)"), "<RPPS>"),
)
# Quoted values in messages (« Dupont », 'Anne', "x"): names and other typed values.
_QUOTED = re.compile(r"«[^»\n]*»|'[^'\n]{1,200}'|\"[^\"\n]{1,200}\"")
_CODE_LINE = re.compile(r"^(\s{2}File \"|\s{4}\S)")


def mask(text: str) -> str:
    """`text` with personal data replaced by placeholders (see the module docstring)."""
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    lines = []
    for line in text.split("\n"):
        # Source lines of a traceback are the app's code, not data: keep them readable.
        lines.append(line if _CODE_LINE.match(line) else _QUOTED.sub("«…»", line))
    return "\n".join(lines)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def log_folder() -> Path:
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, APP_NAME))


def log_file() -> Path:
    return log_folder() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log records to the rotating, masked log file; returns its path (None
    when the folder cannot be written: the app still runs, without a log file)."""
    root = logging.getLogger()
    path = log_file()
    if any(getattr(h, "_sas_roster", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler._sas_roster = True  # type: ignore[attr-defined]
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def masked_traceback(exc: BaseException) -> str:
    return mask("".join(traceback.format_exception(exc)))


def is_expected(exc: BaseException) -> bool:
    """A refusal the user can act on (bad file, wrong value): no traceback needed."""
    return isinstance(exc, DomainError) and not isinstance(exc, StorageError)


def user_message(exc: BaseException) -> str:
    """What the user reads: French, without personal data from the database."""
    from .persistence.errors import is_database_error, storage_error

    if isinstance(exc, DomainError):
        return str(exc)
    if is_database_error(exc):
        return str(storage_error(exc))
    if isinstance(exc, FileNotFoundError):
        return f"fichier introuvable : {exc.filename}"
    if isinstance(exc, PermissionError):
        return f"accès refusé au fichier « {exc.filename} » (droits insuffisants ou fichier ouvert ailleurs)"
    if isinstance(exc, OSError):
        return f"erreur d'accès au disque ({exc.strerror or type(exc).__name__})"
    if isinstance(exc, MemoryError):
        return "mémoire insuffisante pour terminer l'opération"
    return mask(str(exc)) or f"erreur inattendue ({type(exc).__name__})"


def report_failure(exc: BaseException, logger: logging.Logger | None = None) -> str:
    """Log `exc` with its masked traceback (unless it is an expected refusal) and return the
    French message for the user, pointing at the log file when there is a traceback in it."""
    message = user_message(exc)
    if is_expected(exc):
        return message
    (logger or logging.getLogger(APP_NAME)).error("%s", masked_traceback(exc))
    return f"{message}\n(détail technique dans le journal : {log_file()})"


__all__ = [
    "MaskingFormatter", "is_expected", "log_file", "log_folder", "mask", "masked_traceback",
    "report_failure", "setup_logging", "user_message",
]
