"""Statements: computed from confirmed attendance (regulation), indemnity entries (training,
coordination) and SNP counts (effectors); numbered the first time they are issued (exported)
and frozen from then on; a later difference gives a correction that names the one it corrects.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.claims import Payer, Statement, StatementKind, StatementLine, regulation_statements
from ..domain.enums import RateKind, Sector
from ..domain.errors import Problem, ValidationError
from ..domain.pay import effector_quarter, indemnity_exact, indemnity_hourly_rate, zone_timezone
from ..domain.person import Person
from ..domain.rates import rate_on
from ..persistence import mapping as m
from ..persistence.base import utc_now
from ..persistence.models import (
    IndemnityRow,
    Indicator8Row,
    Indicator9TierRow,
    PersonRow,
    RateRow,
    SettingsRow,
    SnpCountRow,
    StatementRow,
)
from .attendance import AttendanceService, month_label
from ..persistence.transactions import read_session
from .base import ServiceBase, refuse


def _persons(s: Session) -> dict[int, Person]:
    return {r.id: m.person_to_domain(r) for r in s.scalars(select(PersonRow))}


def _time(t: str | None) -> time | None:
    return time.fromisoformat(t) if t else None


def line_to_json(ln: StatementLine) -> dict[str, Any]:
    return {"label": ln.label, "day": ln.day.isoformat() if ln.day else None,
            "start": ln.start.isoformat() if ln.start else None, "end": ln.end.isoformat() if ln.end else None,
            "minutes": ln.minutes, "quantity": str(ln.quantity), "rate": str(ln.rate),
            "exact": f"{ln.exact.numerator}/{ln.exact.denominator}", "shift_uid": ln.shift_uid}


def line_from_json(d: dict[str, Any]) -> StatementLine:
    return StatementLine(d["label"], date.fromisoformat(d["day"]) if d["day"] else None, _time(d["start"]),
                         _time(d["end"]), d["minutes"], Decimal(d["quantity"]), Decimal(d["rate"]),
                         Fraction(d["exact"]), d.get("shift_uid", ""))


def _to_domain(r: StatementRow, corrects: str | None) -> Statement:
    h = r.header
    return Statement(r.kind, r.period, r.person_id, h["name"], h.get("rpps"), Sector(h["sector"]) if h.get("sector") else None,
                     r.payer, r.payer_name, tuple(line_from_json(d) for d in r.lines), r.number, corrects,
                     r.issued_at, h.get("note", ""), r.id, dict(h.get("extra", {})))


def _month_range(year: int, months: Sequence[int]) -> tuple[date, date]:
    last = months[-1]
    return date(year, months[0], 1), date(year, last, calendar.monthrange(year, last)[1])


class ClaimsService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session], attendance: AttendanceService) -> None:
        super().__init__(sessions)
        self.attendance = attendance

    # ---------------------------------------------------------------- computing

    def _rates(self, s: Session) -> list[Any]:
        return [m.rate_to_domain(r) for r in s.scalars(select(RateRow))]

    def _tz(self, s: Session):  # type: ignore[no-untyped-def]
        row = s.scalars(select(SettingsRow)).first()
        from ..domain.enums import HolidayZone

        return zone_timezone(row.zone if row is not None else HolidayZone.METROPOLE)

    def regulation(self, year: int, month: int) -> list[Statement]:
        """This month's regulation statements from confirmed attendance (not numbered yet)."""
        if self.attendance.confirmation(year, month) is None:
            open_count = len(self.attendance.open_lines(year, month))
            detail = f" ({open_count} créneau(x) encore sans présence saisie)" if open_count else ""
            raise ValidationError(f"Présences de {month_label(year, month)} non confirmées{detail} : "
                                  "les états se font sur les présences confirmées par le trésorier, jamais sur le planning.")
        lines = self.attendance.list_month(year, month)
        with read_session(self._sessions) as s:
            return regulation_statements(year, month, lines, _persons(s), self._rates(s), self._tz(s))

    def add_indemnity(self, person_id: int, kind: StatementKind, day: date, minutes: int, label: str = "",
                      actor: str | None = None) -> int:
        if kind not in (StatementKind.TRAINING, StatementKind.COORDINATION):
            raise ValidationError("Une indemnité est du temps de formation ou de coordination")
        with self._tx(actor) as s:
            problems = []
            if s.get(PersonRow, person_id) is None:
                problems.append(Problem(f"personne n° {person_id} inconnue", field="personne"))
            if not 0 < minutes <= 24 * 60:
                problems.append(Problem("durée hors de 1 minute à 24 heures", field="durée"))
            refuse("Indemnité refusée", problems)
            row = IndemnityRow(person_id=person_id, kind=kind, day=day, minutes=minutes, label=label)
            s.add(row)
            s.flush()
            return row.id

    def indemnities(self, year: int, months: Sequence[int]) -> list[Statement]:
        """Training (3C per hour, C dated) and coordination statements per person and kind."""
        start, end = _month_range(year, months)
        period = _period(year, months)
        with read_session(self._sessions) as s:
            rates, persons = self._rates(s), _persons(s)
            rows = s.scalars(select(IndemnityRow).where(IndemnityRow.day >= start, IndemnityRow.day <= end)
                             .order_by(IndemnityRow.day, IndemnityRow.id))
            grouped: dict[tuple[StatementKind, int], list[StatementLine]] = defaultdict(list)
            for r in rows:
                rk = RateKind.TRAINING_HOURLY_C_MULTIPLE if r.kind is StatementKind.TRAINING else RateKind.COORDINATION_HOURLY
                rate = indemnity_hourly_rate(rates, rk, r.day)
                label = r.label or ("Formation" if r.kind is StatementKind.TRAINING else "Coordination")
                if r.kind is StatementKind.TRAINING:
                    c = rate_on(rates, RateKind.CONSULTATION_C, r.day).value
                    label += f" (3C, C = {c:.2f} €)".replace(".", ",")
                grouped[(r.kind, r.person_id)].append(StatementLine(
                    label, r.day, None, None, r.minutes, Decimal(r.minutes) / 60, rate,
                    indemnity_exact(rates, rk, r.day, r.minutes)))
        return [Statement(kind, period, pid, persons[pid].display_name, persons[pid].rpps, persons[pid].sector,
                          Payer.ASSOCIATION, Payer.ASSOCIATION.label_fr, tuple(lines))
                for (kind, pid), lines in sorted(grouped.items(), key=lambda kv: (kv[0][0].value, persons[kv[0][1]].last_name))]

    def effectors(self, year: int, quarter: int) -> list[Statement]:
        """Per effector and quarter: indicator-9 tier (only with indicator 8 validated) and the
        15 € SNP majorations (at most 20 a week). The association's estimate."""
        months = [3 * quarter - 2, 3 * quarter - 1, 3 * quarter]
        _, end = _month_range(year, months)
        with read_session(self._sessions) as s:
            rates, persons = self._rates(s), _persons(s)
            tiers = [m.tier_to_domain(r) for r in s.scalars(select(Indicator9TierRow))]
            counts: dict[int, list[SnpCountRow]] = defaultdict(list)
            for r in s.scalars(select(SnpCountRow).where(SnpCountRow.year == year, SnpCountRow.month.in_(months))):
                counts[r.person_id].append(r)
            ind8 = {r.person_id: r.validated for r in s.scalars(select(Indicator8Row).where(Indicator8Row.year == year))}
        out = []
        for pid, rows in sorted(counts.items(), key=lambda kv: persons[kv[0]].last_name):
            acts = sum(r.acts for r in rows)
            weekly = [r.majorations for r in rows if r.week_start is not None]
            for r in rows:  # a month given without weeks: at most 20 in each of its weeks
                if r.week_start is None:
                    weeks = len({date(year, r.month, d).isocalendar()[:2]
                                 for d in range(1, calendar.monthrange(year, r.month)[1] + 1)})
                    weekly += [min(r.majorations, 20 * weeks)]
            q = effector_quarter(acts, weekly, ind8.get(pid, False), tiers, rates, end)
            lines = (StatementLine(f"Indicateur 9 : {acts} actes SNP" + ("" if q.indicator8_validated else " (indicateur 8 non validé)"),
                                   None, None, None, None, Decimal(1), q.tier_amount, Fraction(q.tier_amount)),
                     StatementLine("Majorations SNP (plafond 20 par semaine)", None, None, None, None,
                                   Decimal(q.majorations), q.majoration_rate, Fraction(q.majorations) * Fraction(q.majoration_rate)))
            p = persons[pid]
            out.append(Statement(StatementKind.EFFECTOR, f"{year}-Q{quarter}", pid, p.display_name, p.rpps, p.sector,
                                 Payer.HEALTH_INSURANCE, Payer.HEALTH_INSURANCE.label_fr, lines,
                                 note="Estimation de l'association : les chiffres officiels sont ceux de l'Assurance maladie.",
                                 extra={"acts": str(acts), "indicator8": "oui" if q.indicator8_validated else "non"}))
        return out

    # ---------------------------------------------------------------- issuing

    def issued(self, period: str | None = None, kind: StatementKind | None = None) -> list[Statement]:
        with read_session(self._sessions) as s:
            q = select(StatementRow).order_by(StatementRow.id)
            if period is not None:
                q = q.where(StatementRow.period == period)
            if kind is not None:
                q = q.where(StatementRow.kind == kind)
            rows = list(s.scalars(q))
            numbers = {r.id: r.number for r in s.scalars(select(StatementRow))}
            return [_to_domain(r, numbers.get(r.corrects_id) if r.corrects_id else None) for r in rows]

    def issue(self, statements: Sequence[Statement], actor: str | None = None,
              at: datetime | None = None) -> list[Statement]:
        """Number and freeze each statement the first time; give back the frozen one when it has
        not changed; otherwise a correction (new number) naming the statement it corrects."""
        out = []
        with self._tx(actor) as s:
            for st in statements:
                latest = s.scalars(select(StatementRow).where(
                    StatementRow.kind == st.kind, StatementRow.period == st.period,
                    StatementRow.person_id == st.person_id).order_by(StatementRow.id.desc())).first()
                if latest is not None:
                    frozen = _to_domain(latest, None)
                    if frozen.same_content(st):
                        prev = s.get(StatementRow, latest.corrects_id) if latest.corrects_id else None
                        out.append(replace(frozen, corrects=prev.number if prev else None))
                        continue
                year = int(st.period[:4])
                prefix = f"{st.kind.prefix}{year}-"
                seq = s.scalar(select(func.count()).select_from(StatementRow).where(
                    StatementRow.number.like(f"{prefix}%"))) or 0
                header = {"name": st.person_name, "rpps": st.rpps, "sector": st.sector.value if st.sector else None,
                          "note": st.note, "extra": dict(st.extra)}
                row = StatementRow(number=f"{prefix}{seq + 1:04d}", kind=st.kind, period=st.period,
                                   person_id=st.person_id, payer=st.payer, payer_name=st.payer_name, total=st.total,
                                   total_minutes=st.total_minutes, header=header,
                                   lines=[line_to_json(ln) for ln in st.lines],
                                   corrects_id=latest.id if latest is not None else None,
                                   issued_at=at or utc_now(), issued_by=actor or "inconnu")
                s.add(row)
                s.flush()
                out.append(_to_domain(row, latest.number if latest is not None else None))
        return out


def _period(year: int, months: Sequence[int]) -> str:
    if len(months) == 1:
        return f"{year:04d}-{months[0]:02d}"
    return f"{year:04d}-Q{(months[0] + 2) // 3}"


def import_snp_rows(claims: ClaimsService, rows: Sequence[dict[str, object]], source: str = "",
                    actor: str | None = None) -> int:
    """SNP counts per effector and month (optionally per week: « semaine » = its Monday),
    with indicator 8 when given. Keys: rpps, mois (AAAA-MM), semaine, actes, majorations,
    indicateur 8 (oui/non). Aggregates only, never patients. All or nothing; returns the
    number of rows stored (re-importing a month replaces its counts)."""
    from ..domain.calendar import parse_month

    problems: list[Problem] = []
    parsed: list[tuple[int, int, int, date | None, int, int, bool | None]] = []
    with claims._tx(actor) as s:  # noqa: SLF001 - the same unit of work as the service
        by_rpps = {r.rpps: r.id for r in s.scalars(select(PersonRow)) if r.rpps}
        for i, row in enumerate(rows, 2):
            rpps = str(row.get("rpps") or "").strip()
            pid = by_rpps.get(rpps)
            if pid is None:
                problems.append(Problem(f"RPPS « {rpps} » inconnu", i, "rpps"))
                continue
            try:
                year, month = parse_month(str(row.get("mois") or ""))
            except ValidationError as exc:
                problems.append(Problem(exc.message, i, "mois"))
                continue
            week = row.get("semaine")
            week_start = None
            if week not in (None, ""):
                try:
                    week_start = week if isinstance(week, date) else date.fromisoformat(str(week)[:10])
                except ValueError:
                    problems.append(Problem(f"date « {week} » illisible (AAAA-MM-JJ)", i, "semaine"))
                    continue
            counts = []
            for name in ("actes", "majorations"):
                try:
                    n = int(str(row.get(name) or 0))
                    if n < 0:
                        raise ValueError
                    counts.append(n)
                except ValueError:
                    problems.append(Problem(f"« {row.get(name)} » n'est pas un nombre entier positif", i, name))
            ind8_text = str(row.get("indicateur 8") or "").strip().lower()
            ind8 = {"oui": True, "validé": True, "non": False}.get(ind8_text) if ind8_text else None
            if ind8_text and ind8 is None:
                problems.append(Problem(f"« {ind8_text} » : attendu oui ou non", i, "indicateur 8"))
            if len(counts) == 2:
                parsed.append((pid, year, month, week_start, counts[0], counts[1], ind8))
        refuse("Import des actes SNP refusé : rien n'a été enregistré", problems)
        for pid, year, month, week_start, acts, majorations, ind8 in parsed:
            row_ = s.scalars(select(SnpCountRow).where(
                SnpCountRow.person_id == pid, SnpCountRow.year == year, SnpCountRow.month == month,
                SnpCountRow.week_start.is_(None) if week_start is None else SnpCountRow.week_start == week_start)).first()
            if row_ is None:
                row_ = SnpCountRow(person_id=pid, year=year, month=month, week_start=week_start)
                s.add(row_)
            row_.acts, row_.majorations, row_.source = acts, majorations, source
            if ind8 is not None:
                i8 = s.scalars(select(Indicator8Row).where(Indicator8Row.person_id == pid, Indicator8Row.year == year)).first()
                if i8 is None:
                    i8 = Indicator8Row(person_id=pid, year=year)
                    s.add(i8)
                i8.validated, i8.source = ind8, source
            s.flush()
    return len(parsed)
