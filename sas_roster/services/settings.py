"""Use cases on the association's settings and reference data: opening hours, bridge days,
policies, territories, shift templates, demand curves and overrides, dated rates and tiers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.demand import DemandCurve, DemandOverride, ShiftTemplate, Territory
from ..domain.enums import Role
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.person_rules import too_long
from ..domain.rates import DatedRate, Indicator9Tier
from ..domain.settings import AssociationSettings
from ..domain.setup import BRIDGE_LABEL_MAX, CODE_MAX, DEPARTMENT_MAX, LABEL_MAX, SETTINGS_NAME_MAX, SKILL_MAX
from ..persistence import mapping as m
from ..persistence.models import (
    AssignmentRow,
    DemandOverrideRow,
    DemandPointRow,
    Indicator9TierRow,
    PersonRow,
    RateRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
)
from ..persistence.repositories import SettingsRepository
from .base import ServiceBase, check_period, refuse


def settings_problems(s: AssociationSettings) -> list[Problem]:
    p: list[Problem] = []
    if not s.name.strip():
        p.append(Problem("nom de l'association manquant", field="nom"))
    for role, days in s.opening_hours.items():
        for wd in days:
            if not 0 <= wd <= 6:
                p.append(Problem(f"jour de semaine {wd} invalide (0 = lundi … 6 = dimanche)", field="horaires"))
    bridge_days = [b.day for b in s.bridge_days]
    for d in sorted({d for d in bridge_days if bridge_days.count(d) > 1}):
        p.append(Problem(f"le pont du {d:%d/%m/%Y} est déclaré deux fois", field="ponts"))
    # Texts the database keeps at a fixed size: refused here the same way on SQLite and PostgreSQL.
    p += too_long(s.name, SETTINGS_NAME_MAX, "nom") + too_long(s.department, DEPARTMENT_MAX, "département")
    for b in s.bridge_days:
        p += too_long(b.label, BRIDGE_LABEL_MAX, "libellé du pont")
    if not 0 <= s.remote_min_on_site_share <= 1:
        p.append(Problem("la part minimale sur site doit être entre 0 et 1", field="part sur site"))
    for name in ("rest_after_pdsa_hours", "max_regulator_hours_per_day", "osnp_max_hours_per_day",
                 "osnp_min_rest_hours", "osnp_max_hours_per_week", "retention_years"):
        if getattr(s, name) < 0:
            p.append(Problem("valeur négative", field=name))
    return p


def template_problems(t: ShiftTemplate, row: int | None) -> list[Problem]:
    p: list[Problem] = []
    if not t.code.strip():
        p.append(Problem("code de créneau manquant", row, "code"))
    if not t.start < t.end:
        p.append(Problem(f"le créneau {t.code} finit avant de commencer", row, "fin"))
    if not t.weekdays or any(not 0 <= d <= 6 for d in t.weekdays):
        p.append(Problem(f"jours du créneau {t.code} invalides", row, "jours"))
    p += too_long(t.code, CODE_MAX, "code", row) + too_long(t.label, LABEL_MAX, "libellé", row)
    return p + too_long(t.skill, SKILL_MAX, "compétence", row)


def curve_problems(curve: DemandCurve, where: str) -> list[Problem]:
    p: list[Problem] = []
    for wd, hours in curve.by_weekday.items():
        for h, n in hours.items():
            if not (0 <= wd <= 6 and 0 <= h <= 23):
                p.append(Problem(f"{where} : jour {wd} / heure {h} invalide", field="besoin"))
            if n < 0:
                p.append(Problem(f"{where} : effectif négatif ({n})", field="besoin"))
    return p


class SettingsService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = SettingsRepository(sessions)

    # --- association settings -------------------------------------------------------------

    def get(self) -> AssociationSettings | None:
        """The stored settings, or None before the association was set up."""
        return self.repo.get()

    def save(self, settings: AssociationSettings, actor: str | None = None) -> AssociationSettings:
        refuse("Paramètres refusés", settings_problems(settings))
        with self._tx(actor) as s:
            row = s.scalars(select(SettingsRow).order_by(SettingsRow.id)).first()
            if row is None:
                row = SettingsRow()
                s.add(row)
            m.apply_settings(row, settings)
            s.flush()
            return m.settings_to_domain(row)

    # --- territories ----------------------------------------------------------------------

    def territories(self) -> list[Territory]:
        return self.repo.territories()

    def save_territories(self, territories: Sequence[Territory], actor: str | None = None) -> list[Territory]:
        """Add or update territories by code (territories missing from the list are kept)."""
        problems = [
            Problem("code de territoire manquant", i, "code") for i, t in enumerate(territories, 1) if not t.code.strip()
        ] + [
            Problem("nombre d'effecteurs d'astreinte négatif", i, "astreintes") for i, t in enumerate(territories, 1)
            if t.oncall_per_day < 0
        ] + [p for i, t in enumerate(territories, 1)
             for p in too_long(t.code, CODE_MAX, "code", i) + too_long(t.name, LABEL_MAX, "nom", i)]
        refuse("Territoires refusés", problems)
        with self._tx(actor) as s:
            existing = {r.code: r for r in s.scalars(select(TerritoryRow))}
            rows = []
            for t in territories:
                row = existing.get(t.code)
                if row is None:
                    row = existing[t.code] = TerritoryRow()
                    s.add(row)
                m.apply_territory(row, t)
                rows.append(row)
            s.flush()
            return [m.territory_to_domain(r) for r in rows]

    def remove_territory(self, code: str, actor: str | None = None) -> None:
        with self._tx(actor) as s:
            row = s.scalars(select(TerritoryRow).where(TerritoryRow.code == code)).first()
            if row is None:
                raise NotFoundError(f"Territoire « {code} » introuvable")
            used = s.scalar(select(exists().where(PersonRow.territory_id == row.id))) or s.scalar(
                select(exists().where(AssignmentRow.territory_id == row.id))
            )
            if used:
                raise ValidationError(f"Le territoire « {code} » est utilisé (personnes ou planning) : suppression impossible")
            s.delete(row)

    # --- shift templates ------------------------------------------------------------------

    def shift_templates(self, role: Role | None = None) -> list[ShiftTemplate]:
        return self.repo.shift_templates(role)

    def save_shift_templates(
        self, templates: Sequence[ShiftTemplate], actor: str | None = None, replace: bool = True
    ) -> list[ShiftTemplate]:
        """Store templates by (role, code); with `replace`, templates not listed are removed.

        Assignments keep their own copy of code and times, so removing a template never
        changes a roster already made.
        """
        problems = [p for i, t in enumerate(templates, 1) for p in template_problems(t, i)]
        keys = [(t.role, t.code) for t in templates]
        problems += [Problem(f"créneau {c} ({r.label_fr}) en double", None, "code")
                     for r, c in sorted(set(k for k in keys if keys.count(k) > 1))]
        refuse("Créneaux refusés", problems)
        with self._tx(actor) as s:
            existing = {(r.role, r.code): r for r in s.scalars(select(ShiftTemplateRow))}
            rows = []
            for t in templates:
                row = existing.pop((t.role, t.code), None)
                if row is None:
                    row = ShiftTemplateRow()
                    s.add(row)
                m.apply_template(row, t)
                rows.append(row)
            if replace:
                for leftover in existing.values():
                    s.delete(leftover)
            s.flush()
            return [m.template_to_domain(r) for r in rows]

    # --- demand ---------------------------------------------------------------------------

    def demand_curves(self) -> dict[Role, DemandCurve]:
        return self.repo.demand_curves()

    def save_demand_curve(self, curve: DemandCurve, actor: str | None = None) -> DemandCurve:
        """Replace the base demand curve of `curve.role` (hours with 0 are stored as given)."""
        refuse("Besoin refusé", curve_problems(curve, f"besoin {curve.role.label_fr}"))
        with self._tx(actor) as s:
            rows = list(s.scalars(select(DemandPointRow).where(DemandPointRow.role == curve.role)))
            m.sync_children(
                _SessionList(s, rows), m.curve_points(curve),
                lambda r: (r.weekday, r.hour), lambda w: (w[0], w[1]),
                lambda w: DemandPointRow(role=curve.role, weekday=w[0], hour=w[1], count=w[2]),
                lambda r, w: setattr(r, "count", w[2]) if r.count != w[2] else None,
            )
            s.flush()
            return m.curves_to_domain(s.scalars(select(DemandPointRow).where(DemandPointRow.role == curve.role))).get(
                curve.role, DemandCurve(curve.role)
            )

    def demand_overrides(self, role: Role | None = None) -> list[DemandOverride]:
        return self.repo.demand_overrides(role)

    def save_demand_overrides(self, overrides: Sequence[DemandOverride], actor: str | None = None) -> list[DemandOverride]:
        """Replace every dated override by `overrides` (matched by id when they have one)."""
        problems: list[Problem] = []
        for i, o in enumerate(overrides, 1):
            problems += check_period(o.start, o.end, "fin de période", i)
            problems += curve_problems(o.curve, f"période « {o.label} »")
        refuse("Périodes de besoin refusées", problems)
        with self._tx(actor) as s:
            existing = {r.id: r for r in s.scalars(select(DemandOverrideRow))}
            rows = []
            for o in overrides:
                row = existing.pop(o.id, None) if o.id is not None else None
                if row is None:
                    row = DemandOverrideRow()
                    s.add(row)
                m.apply_override(row, o)
                rows.append(row)
            for leftover in existing.values():
                s.delete(leftover)
            s.flush()
            return [m.override_to_domain(r) for r in rows]

    # --- rates ----------------------------------------------------------------------------

    def rates(self) -> list[DatedRate]:
        return self.repo.rates()

    def save_rates(self, rates: Sequence[DatedRate], actor: str | None = None) -> list[DatedRate]:
        """Add or update rates by (kind, start date); a rate's history is never removed here."""
        refuse("Taux refusés", [
            Problem(f"taux négatif ({r.value})", i, "montant") for i, r in enumerate(rates, 1) if r.value < 0
        ])
        with self._tx(actor) as s:
            existing = {(r.kind, r.valid_from): r for r in s.scalars(select(RateRow))}
            rows = []
            for r in rates:
                row = existing.get((r.kind, r.valid_from))
                if row is None:
                    row = existing[(r.kind, r.valid_from)] = m.rate_row(r)
                    s.add(row)
                else:
                    row.value, row.note = r.value, r.note
                rows.append(row)
            s.flush()
            return [m.rate_to_domain(r) for r in rows]

    def indicator9_tiers(self) -> list[Indicator9Tier]:
        return self.repo.indicator9_tiers()

    def save_indicator9_tiers(self, tiers: Sequence[Indicator9Tier], actor: str | None = None) -> list[Indicator9Tier]:
        refuse("Barème refusé", [
            Problem(f"palier {t.min_acts}–{t.max_acts} incohérent", i, "palier")
            for i, t in enumerate(tiers, 1)
            if t.min_acts < 0 or t.amount < 0 or (t.max_acts is not None and t.max_acts < t.min_acts)
        ])
        with self._tx(actor) as s:
            existing = {(r.valid_from, r.min_acts): r for r in s.scalars(select(Indicator9TierRow))}
            rows = []
            for t in tiers:
                row = existing.get((t.valid_from, t.min_acts))
                if row is None:
                    row = existing[(t.valid_from, t.min_acts)] = m.tier_row(t)
                    s.add(row)
                else:
                    row.max_acts, row.amount = t.max_acts, t.amount
                rows.append(row)
            s.flush()
            return [m.tier_to_domain(r) for r in rows]


_Row = TypeVar("_Row")


class _SessionList(list[_Row]):
    """A list whose additions and removals are added to / deleted from the session,
    so that `sync_children` can manage top-level rows as it does collections."""

    def __init__(self, session: Session, rows: Iterable[_Row]) -> None:
        super().__init__(rows)
        self._session = session

    def remove(self, row: _Row) -> None:
        super().remove(row)
        self._session.delete(row)

    def extend(self, rows: Iterable[_Row]) -> None:
        for row in rows:
            self.append(row)
            self._session.add(row)
