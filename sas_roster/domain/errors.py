"""Errors carrying French messages for the user, with the row and field at fault when known."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input: where (row, field) and why, in French."""

    message: str
    row: int | None = None
    field: str | None = None
    sheet: str | None = None  # the spreadsheet's sheet, in files of several sheets

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"feuille « {self.sheet} »")
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.field:
            where.append(f"colonne « {self.field} »")
        return f"{', '.join(where)} : {self.message}" if where else self.message


class DomainError(Exception):
    """A French, user-facing error. `problems` lists every fault found (all-or-nothing inputs)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class ValidationError(DomainError):
    """Input that breaks a domain rule (wrong RPPS, end before start, ...)."""


class NotFoundError(DomainError):
    """Something referred to does not exist."""


class PermissionDenied(DomainError):
    """The current user's role does not allow this action."""


class StorageError(DomainError):
    """The database failed (busy, read-only, disk full, connection lost...): a French message
    without the values being written; the technical cause stays chained for the log file."""
