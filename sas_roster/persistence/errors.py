"""Database failures in French, without the values that were being written.

The driver's message and SQLAlchemy's ``[parameters: …]`` carry names, RPPS, phones and
e-mails; none of it reaches the user's screen. `storage_error(exc)` returns the French
`StorageError` to raise instead (``raise storage_error(exc) from exc`` keeps the cause for
the log file, where it is masked).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..domain.errors import StorageError

NOTHING_SAVED = "Rien n'a été enregistré."

# (words found in the driver's message or SQLSTATE, what to tell the user), first match wins.
_CAUSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("database is locked", "database table is locked", "busy", "lock timeout", "55p03", "40p01",
      "deadlock", "could not obtain lock", "canceling statement due to lock"),
     "La base de données est occupée par un autre enregistrement en cours (autre poste, autre "
     "fenêtre ou commande) et ne s'est pas libérée à temps. {nothing} Réessayez dans un moment."),
    (("readonly database", "read-only", "read only", "readonly", "permission denied", "42501",
      "25006", "unable to open database file"),
     "La base de données ne peut pas être modifiée : le fichier ou son dossier est en lecture "
     "seule, ou les droits manquent. {nothing} Vérifiez les droits (ou copiez la base dans un "
     "dossier où vous pouvez écrire)."),
    (("disk is full", "database or disk is full", "no space left", "53100", "disk full"),
     "Le disque de la base de données est plein. {nothing} Libérez de la place puis réessayez."),
    (("disk i/o error", "i/o error", "58030"),
     "Erreur d'écriture sur le disque de la base de données. {nothing} Vérifiez le disque ou le "
     "partage réseau puis réessayez."),
    (("malformed", "not a database", "file is encrypted", "corrupt"),
     "La base de données est endommagée. {nothing} Restaurez une sauvegarde (*.bak)."),
    (("connection refused", "could not connect", "server closed", "connection", "terminating",
      "08006", "08001", "57p01", "timeout expired"),
     "La connexion au serveur de base de données a échoué ou a été perdue. {nothing} Vérifiez "
     "le réseau et le serveur, puis réessayez."),
    (("value too long", "22001", "string data right truncation", "numeric value out of range",
      "22003", "invalid input"),
     "Une valeur ne convient pas à la base de données (trop longue ou hors limites). {nothing}"),
    (("unique", "duplicate", "23505"),
     "Cet enregistrement existe déjà (un autre poste l'a peut-être enregistré au même moment). "
     "{nothing} Rechargez et réessayez."),
    (("foreign key", "23503"),
     "Cet enregistrement fait référence à un élément inexistant, ou il est encore utilisé "
     "ailleurs. {nothing}"),
)


def _driver_text(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or ""
    return f"{code} {type(orig).__name__} {orig}".lower()


def storage_error(exc: BaseException) -> StorageError:
    """The French message for a database failure (`SQLAlchemyError` or `sqlite3.Error`)."""
    text = _driver_text(exc)
    for needles, message in _CAUSES:
        if any(n in text for n in needles):
            return StorageError(message.format(nothing=NOTHING_SAVED))
    return StorageError(f"La base de données a refusé l'opération (erreur {_kind(exc)}). {NOTHING_SAVED}")


def _kind(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return type(orig or exc).__name__


def is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, (SQLAlchemyError, sqlite3.Error, DBAPIError))
