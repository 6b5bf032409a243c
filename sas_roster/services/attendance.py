"""Recording what happened on each published shift (present, absent, replaced, partial) and
the treasurer's certification of the month.

Lines come from the latest published version of the month and are keyed by the month and
the shift's uid; each keeps a copy of its shift as published. Opening the month again after
an amendment adds the new shifts and drops the cancelled ones that were still unrecorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.attendance import AttendanceLine, line_problems
from ..domain.enums import AttendanceStatus
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.versions import RosterVersion
from ..persistence.base import utc_now
from ..persistence.models import AttendanceConfirmationRow, AttendanceRow, PersonRow
from ..persistence.transactions import read_session
from .base import ServiceBase, refuse

VersionSource = Callable[[int, int], RosterVersion | None]


@dataclass(frozen=True)
class Confirmation:
    year: int
    month: int
    confirmed_at: datetime
    confirmed_by: str


def _to_domain(r: AttendanceRow) -> AttendanceLine:
    return AttendanceLine(r.year, r.month, r.shift_uid, r.person_id, r.day, r.role, r.template_code, r.start, r.end,
                          r.version, r.presence, r.territory, r.status, r.replaced_by, r.replacement_name,
                          r.actual_start, r.actual_end, r.note, id=r.id)


def _apply(row: AttendanceRow, ln: AttendanceLine) -> None:
    row.year, row.month, row.shift_uid, row.version = ln.year, ln.month, ln.shift_uid, ln.version
    row.person_id, row.day, row.role, row.template_code = ln.person_id, ln.day, ln.role, ln.template_code
    row.start, row.end, row.presence, row.territory = ln.start, ln.end, ln.presence, ln.territory
    row.status, row.replaced_by, row.replacement_name = ln.status, ln.replaced_by, ln.replacement_name
    row.actual_start, row.actual_end, row.note = ln.actual_start, ln.actual_end, ln.note


def month_label(year: int, month: int) -> str:
    return f"{month:02d}/{year:04d}"


class AttendanceService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session], versions: VersionSource) -> None:
        super().__init__(sessions)
        self._versions = versions

    # ---------------------------------------------------------------- reading

    def list_month(self, year: int, month: int) -> list[AttendanceLine]:
        with read_session(self._sessions) as s:
            return [_to_domain(r) for r in s.scalars(self._month_query(year, month))]

    def confirmation(self, year: int, month: int) -> Confirmation | None:
        with read_session(self._sessions) as s:
            row = self._confirmation_row(s, year, month)
            return None if row is None else Confirmation(year, month, row.confirmed_at, row.confirmed_by)

    def open_lines(self, year: int, month: int) -> list[AttendanceLine]:
        return [ln for ln in self.list_month(year, month) if ln.open]

    # ---------------------------------------------------------------- writing

    def open_month(self, year: int, month: int, actor: str | None = None) -> list[AttendanceLine]:
        """Bring the month's lines in line with its latest published version."""
        version = self._versions(year, month)
        if version is None:
            raise NotFoundError(f"Aucune version publiée du planning de {month_label(year, month)} : "
                                "publiez le planning avant de saisir les présences.")
        with self._tx(actor) as s:
            self._refuse_if_confirmed(s, year, month)
            existing = {r.shift_uid: r for r in s.scalars(self._month_query(year, month))}
            published = {a.uid: a for a in version.assignments if a.uid}
            for uid, a in published.items():
                row = existing.get(uid)
                fresh = AttendanceLine.from_assignment(year, month, version.number, a)
                if row is None:
                    row = AttendanceRow()
                    _apply(row, fresh)
                    s.add(row)
                elif row.status is AttendanceStatus.PLANNED:
                    _apply(row, fresh)
            for uid, row in existing.items():
                if uid not in published and row.status is AttendanceStatus.PLANNED:
                    s.delete(row)
            s.flush()
            return [_to_domain(r) for r in s.scalars(self._month_query(year, month))]

    def record(self, lines: Sequence[AttendanceLine], actor: str | None = None) -> list[AttendanceLine]:
        """Store what happened on shifts already opened (by month and shift uid), all or nothing."""
        with self._tx(actor) as s:
            problems: list[Problem] = []
            rows: list[AttendanceRow | None] = []
            replacers = {ln.replaced_by for ln in lines if ln.replaced_by is not None}
            known = set(s.scalars(select(PersonRow.id).where(PersonRow.id.in_(replacers))))
            for i, ln in enumerate(lines, 1):
                row = s.scalars(select(AttendanceRow).where(
                    AttendanceRow.year == ln.year, AttendanceRow.month == ln.month,
                    AttendanceRow.shift_uid == ln.shift_uid)).first()
                rows.append(row)
                if row is None:
                    problems.append(Problem("créneau introuvable dans la version publiée du mois", i, "créneau"))
                elif self._confirmation_row(s, ln.year, ln.month) is not None:
                    problems.append(Problem(f"les présences de {month_label(ln.year, ln.month)} sont déjà confirmées",
                                            i, "mois"))
                if ln.replaced_by is not None and ln.replaced_by not in known:
                    problems.append(Problem(f"remplaçant n° {ln.replaced_by} inconnu", i, "remplaçant"))
                problems += [Problem(msg, i, fld) for fld, msg in line_problems(ln)]
            refuse("Présences refusées : rien n'a été enregistré", problems)
            out = []
            for ln, row in zip(lines, rows):
                assert row is not None
                # The shift as published is kept; only what happened is written.
                kept = _to_domain(row)
                _apply(row, replace(kept, status=ln.status, replaced_by=ln.replaced_by,
                                    replacement_name=ln.replacement_name, actual_start=ln.actual_start,
                                    actual_end=ln.actual_end, note=ln.note))
                out.append(row)
            s.flush()
            return [_to_domain(r) for r in out]

    def import_sheet(self, path: str | Path, year: int, month: int, dry_run: bool = False,
                     actor: str | None = None) -> list[AttendanceLine]:
        """Read the filled attendance spreadsheet of the month and record it, all or nothing."""
        from ..importers.attendance_sheet import read_attendance_sheet
        from ..persistence import mapping as m

        lines = {ln.shift_uid: ln for ln in self.list_month(year, month)}
        if not lines:
            raise ValidationError(f"Aucune ligne de présence pour {month_label(year, month)} : "
                                  "éditez d'abord la feuille du mois (attendance sheet).")
        with read_session(self._sessions) as s:
            persons = {r.id: m.person_to_domain(r) for r in s.scalars(select(PersonRow))}
        filled = read_attendance_sheet(path, lines, persons)
        if dry_run or not filled:
            return filled
        return self.record(filled, actor)

    def all_present(self, year: int, month: int, day: date, actor: str | None = None) -> list[AttendanceLine]:
        """« Tous présents » for one day: every still-open line of that day becomes present."""
        todo = [ln.with_status(AttendanceStatus.PRESENT) for ln in self.list_month(year, month)
                if ln.day == day and ln.open]
        return self.record(todo, actor) if todo else []

    def confirm(self, year: int, month: int, actor: str | None = None, at: datetime | None = None) -> Confirmation:
        """The treasurer certifies the month: refused while any line is still open."""
        with self._tx(actor) as s:
            rows = list(s.scalars(self._month_query(year, month)))
            if not rows:
                raise ValidationError(f"Aucune ligne de présence pour {month_label(year, month)} : "
                                      "ouvrez le mois (feuille d'émargement) d'abord.")
            self._refuse_if_confirmed(s, year, month)
            still_open = [r for r in rows if r.status is AttendanceStatus.PLANNED]
            refuse(f"Confirmation refusée : {len(still_open)} créneau(x) de {month_label(year, month)} sans présence saisie", [
                Problem(f"{r.day:%d/%m/%Y} {r.start:%H:%M}-{r.end:%H:%M} {r.template_code} (personne n° {r.person_id})",
                        field="Présence") for r in still_open])
            row = AttendanceConfirmationRow(year=year, month=month, confirmed_at=at or utc_now(),
                                            confirmed_by=actor or "inconnu")
            s.add(row)
            s.flush()
            return Confirmation(year, month, row.confirmed_at, row.confirmed_by)

    def reopen(self, year: int, month: int, actor: str | None = None) -> None:
        """Withdraw the certification (to correct a line; statements already issued stay)."""
        with self._tx(actor) as s:
            row = self._confirmation_row(s, year, month)
            if row is not None:
                s.delete(row)

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _month_query(year: int, month: int):  # type: ignore[no-untyped-def]
        return (select(AttendanceRow).where(AttendanceRow.year == year, AttendanceRow.month == month)
                .order_by(AttendanceRow.day, AttendanceRow.start, AttendanceRow.role, AttendanceRow.template_code,
                          AttendanceRow.id))

    @staticmethod
    def _confirmation_row(s: Session, year: int, month: int) -> AttendanceConfirmationRow | None:
        return s.scalars(select(AttendanceConfirmationRow).where(
            AttendanceConfirmationRow.year == year, AttendanceConfirmationRow.month == month)).first()

    def _refuse_if_confirmed(self, s: Session, year: int, month: int) -> None:
        if self._confirmation_row(s, year, month) is not None:
            raise ValidationError(f"Les présences de {month_label(year, month)} sont confirmées : "
                                  "retirez la confirmation pour les modifier.")
