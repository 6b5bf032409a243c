"""Data protection: the retention period, erasure after it, and the right of access.

A person no longer active whose last activity (end of activity, last shift) is older than the
retention period has their personal fields erased (``persons.pseudonymise``): their hours,
shifts and amounts stay, under "Personne N", and the audit log keeps only keyed digests of
the erased values. Members who left the association long enough ago are erased the same way.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ..domain.accounts import Permission
from ..domain.errors import ValidationError
from ..domain.person import Person
from ..persistence import audit
from ..persistence import mapping as m
from ..persistence.transactions import read_session
from ..persistence.models import (
    AssignmentRow,
    AttendanceRow,
    AuditRow,
    AvailabilityRow,
    DataProtectionRow,
    MemberRow,
    PdsaDutyRow,
    PersonRow,
    StatementRow,
)
from .base import ServiceBase
from .persons import PersonService

DEFAULT_RETENTION_MONTHS = 60
MEMBER_PERSONAL_FIELDS = ("last_name", "first_name", "email")


def _months_before(day: date, months: int) -> date:
    y, mo = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, mo + 1, min(day.day, 28))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, Decimal)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, (set, frozenset, tuple, list)):
        return [_plain(v) for v in sorted(value, key=str)] if isinstance(value, (set, frozenset)) else [
            _plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class DataProtectionService(ServiceBase):
    def retention_months(self) -> int:
        with read_session(self._sessions) as s:
            row = s.scalars(select(DataProtectionRow)).first()
            return row.retention_months if row else DEFAULT_RETENTION_MONTHS

    def set_retention_months(self, months: int, actor: str | None = None) -> int:
        if not 1 <= months <= 600:
            raise ValidationError("Durée de conservation refusée : entre 1 et 600 mois")
        with self._tx(actor) as s:
            row = s.scalars(select(DataProtectionRow)).first() or DataProtectionRow()
            row.retention_months = months
            s.add(row)
        return months

    def due_for_erasure(self, today: date) -> list[Person]:
        """Inactive, not yet erased people whose last activity is older than the retention period."""
        limit = _months_before(today, self.retention_months())
        with read_session(self._sessions) as s:
            last_shift = dict(s.execute(select(AssignmentRow.person_id, func.max(AssignmentRow.day))
                                        .group_by(AssignmentRow.person_id)).all())
            out = []
            for row in s.scalars(select(PersonRow).where(PersonRow.pseudonymised.is_(False))):
                p = m.person_to_domain(row)
                if p.is_active_on(today) or (p.active and p.active_until is None):
                    continue
                last = max((d for d in (p.active_until, last_shift.get(row.id)) if d is not None), default=None)
                if last is None or last < limit:
                    out.append(p)
            return out

    def erase_expired(self, today: date, actor: str | None = None) -> list[int]:
        """Erase the personal fields of everyone past the retention period (people and members
        who left). Returns the ids of the people erased."""
        self._authorise(Permission.ERASE_PERSONAL_DATA)
        persons = PersonService(self._sessions)
        erased = []
        for p in self.due_for_erasure(today):
            assert p.id is not None
            persons.pseudonymise(p.id, actor=actor)
            erased.append(p.id)
        limit = _months_before(today, self.retention_months())
        with self._tx(actor) as s:
            for row in s.scalars(select(MemberRow).where(MemberRow.pseudonymised.is_(False),
                                                         MemberRow.left_on.is_not(None), MemberRow.left_on < limit)):
                row.last_name, row.first_name, row.email = f"Adhérent {row.id}", "", None
                row.pseudonymised = True
                s.flush()
                keep = {"last_name": row.last_name, "first_name": "", "email": None}
                audit.erase_fields(s, "members", str(row.id), set(MEMBER_PERSONAL_FIELDS), keep=keep)
        return erased

    def person_data(self, person_id: int) -> dict[str, Any]:
        """Everything stored about one person (right of access), as plain JSON-ready data."""
        self._authorise(Permission.EXPORT_PERSONAL_DATA)
        person = PersonService(self._sessions).get(person_id)
        with read_session(self._sessions) as s:
            shifts = [
                {"jour": a.day.isoformat(), "début": a.start.isoformat("minutes"), "fin": a.end.isoformat("minutes"),
                 "rôle": a.role.value, "modèle": a.template_code, "présence": a.presence.value}
                for a in s.scalars(select(AssignmentRow).where(AssignmentRow.person_id == person_id)
                                   .order_by(AssignmentRow.day, AssignmentRow.start))
            ]
            attendance = [
                {"jour": r.day.isoformat(), "début": r.start.isoformat("minutes"), "fin": r.end.isoformat("minutes"),
                 "statut": _plain(r.status), "remplaçant": r.replaced_by == person_id, "note": r.note}
                for r in s.scalars(select(AttendanceRow).where(
                    (AttendanceRow.person_id == person_id) | (AttendanceRow.replaced_by == person_id))
                    .order_by(AttendanceRow.day, AttendanceRow.start))
            ]
            statements = [
                {"numéro": r.number, "type": _plain(r.kind), "période": r.period, "montant": str(r.total),
                 "minutes": r.total_minutes, "émis le": r.issued_at.isoformat() if r.issued_at else None}
                for r in s.scalars(select(StatementRow).where(StatementRow.person_id == person_id)
                                   .order_by(StatementRow.id))
            ]
            availability = [
                {"jour": r.day.isoformat(), "type": _plain(r.kind)}
                for r in s.scalars(select(AvailabilityRow).where(AvailabilityRow.person_id == person_id)
                                   .order_by(AvailabilityRow.day))
            ]
            pdsa = [
                {"début": r.start.isoformat(), "fin": r.end.isoformat()}
                for r in s.scalars(select(PdsaDutyRow).where(PdsaDutyRow.person_id == person_id))
            ]
            history = [
                {"date": r.at.isoformat(), "par": r.actor, "action": r.action, "avant": r.before, "après": r.after}
                for r in s.scalars(select(AuditRow).where(AuditRow.entity == "persons",
                                                          AuditRow.entity_id == str(person_id)).order_by(AuditRow.id))
            ]
        return {
            "personne": _plain(person), "affectations": shifts, "présences": attendance,
            "états": statements, "disponibilités": availability, "gardes_pdsa": pdsa, "historique": history,
        }

    def export_person(self, person_id: int, path: str | Path) -> Path:
        """Write the person's data to a JSON file (right of access) and return its path."""
        target = Path(path)
        data = self.person_data(person_id)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        return target
