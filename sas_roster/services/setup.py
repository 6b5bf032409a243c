"""Setting an association up in one go: the wizard and the settings file both hand a whole
`AssociationSetup` to `SetupService.apply`, checked first and stored in one transaction.

Also what the first start needs to know: whether the open database is empty, holds the
demo, or holds a real association.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..domain.demand import DemandCurve
from ..domain.enums import Role
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.setup import AssociationSetup, default_setup, setup_text_problems, usual_bridge_days
from ..persistence import mapping as m
from ..persistence.models import (
    AssignmentRow,
    DemandOverrideRow,
    DemandPointRow,
    Indicator9TierRow,
    PersonRow,
    RateRow,
    RosterRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
)
from ..persistence.repositories import SettingsRepository
from ..persistence.transactions import read_session
from .base import ServiceBase, check_period, refuse
from .settings import curve_problems, settings_problems, template_problems


class DatabaseKind(StrEnum):
    EMPTY = "empty"  # nothing yet: first start
    DEMO = "demo"  # the invented demo association
    ASSOCIATION = "association"  # a real association (or anything that is not the demo)


@dataclass
class SetupReport:
    """What `apply` stored (or, in a dry run, would store)."""

    dry_run: bool = False
    created: bool = False  # the association did not exist before
    territories: int = 0
    templates: int = 0
    curves: int = 0
    overrides: int = 0
    rates: int = 0
    tiers: int = 0
    bridge_days: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        head = "Vérification sans enregistrement" if self.dry_run else (
            "Association créée" if self.created else "Paramètres de l'association mis à jour")
        body = (f"{self.territories} territoire(s), {self.templates} créneau(x), {self.curves} courbe(s) de besoin, "
                f"{self.overrides} période(s) datée(s), {self.bridge_days} pont(s), {self.rates} taux, "
                f"{self.tiers} palier(s) de l'indicateur 9.")
        lines = [f"{head} : {body}"]
        lines += [f"  - {n}" for n in self.notes]
        if self.dry_run:
            lines.append("Rien n'a été enregistré : relancez sans --dry-run pour importer.")
        return "\n".join(lines)


def setup_problems(setup: AssociationSetup) -> list[Problem]:
    """Every rule the whole setup breaks (pure), numbered within each list from 1."""
    p = settings_problems(setup.settings) + setup_text_problems(setup)
    codes = [t.code for t in setup.territories]
    for i, t in enumerate(setup.territories, 1):
        if not t.code.strip():
            p.append(Problem("code de territoire manquant", i, "code"))
        if t.oncall_per_day < 0:
            p.append(Problem("nombre d'effecteurs d'astreinte négatif", i, "astreintes"))
        if t.code and codes.count(t.code) > 1 and codes.index(t.code) != i - 1:
            p.append(Problem(f"territoire {t.code} en double", i, "code"))
    keys = [(t.role, t.code) for t in setup.templates]
    for i, tpl in enumerate(setup.templates, 1):
        p += template_problems(tpl, i)
        if keys.count((tpl.role, tpl.code)) > 1 and keys.index((tpl.role, tpl.code)) != i - 1:
            p.append(Problem(f"créneau {tpl.code} ({tpl.role.label_fr}) en double", i, "code"))
    roles = [c.role for c in setup.curves]
    for c in setup.curves:
        p += curve_problems(c, f"besoin {c.role.label_fr}")
    p += [Problem(f"deux courbes de besoin de base pour le rôle {r.label_fr}", field="besoin")
          for r in sorted(set(r for r in roles if roles.count(r) > 1))]
    for i, o in enumerate(setup.overrides, 1):
        p += check_period(o.start, o.end, "fin de période", i)
        p += curve_problems(o.curve, f"période « {o.label} »")
    seen_rates = [(r.kind, r.valid_from) for r in setup.rates]
    for i, r in enumerate(setup.rates, 1):
        if r.value < 0:
            p.append(Problem(f"taux négatif ({r.value})", i, "montant"))
        if seen_rates.count((r.kind, r.valid_from)) > 1 and seen_rates.index((r.kind, r.valid_from)) != i - 1:
            p.append(Problem("même taux à la même date qu'une autre ligne", i, "à partir du"))
    for i, tier in enumerate(setup.tiers, 1):
        if tier.min_acts < 0 or tier.amount < 0 or (tier.max_acts is not None and tier.max_acts < tier.min_acts):
            p.append(Problem(f"palier {tier.min_acts}–{tier.max_acts} incohérent", i, "palier"))
    if setup.settings.default_retiree_quota_hours is not None and setup.settings.default_retiree_quota_hours < 0:
        p.append(Problem("le quota par défaut ne peut pas être négatif", field="quota par défaut"))
    return list(dict.fromkeys(p))  # a text too long is found by two checks: say it once


class SetupService(ServiceBase):
    # --- reads ----------------------------------------------------------------------------

    def current(self) -> AssociationSetup | None:
        """The stored setup (what `settings export` writes), or None before any."""
        repo = SettingsRepository(self._sessions)
        with read_session(self._sessions) as s:
            settings = repo.get(session=s)
            if settings is None:
                return None
            curves = repo.demand_curves(session=s)
            return AssociationSetup(
                settings=settings,
                territories=repo.territories(session=s),
                templates=repo.shift_templates(session=s),
                curves=[curves[r] for r in Role if r in curves],
                overrides=repo.demand_overrides(session=s),
                rates=repo.rates(session=s),
                tiers=repo.indicator9_tiers(session=s),
            )

    def database_kind(self) -> DatabaseKind:
        """Empty (first start), the demo, or a real association. Anything stored without
        settings (people imported first, a roster) counts as a real association."""
        with read_session(self._sessions) as s:
            row = s.scalars(select(SettingsRow).order_by(SettingsRow.id)).first()
            if row is not None:
                return DatabaseKind.DEMO if row.is_demo else DatabaseKind.ASSOCIATION
            for table in (PersonRow, TerritoryRow, ShiftTemplateRow, RosterRow):
                if s.scalar(select(exists().select_from(table))):
                    return DatabaseKind.ASSOCIATION
        return DatabaseKind.EMPTY

    def is_demo(self) -> bool:
        return self.database_kind() is DatabaseKind.DEMO

    # --- writes ---------------------------------------------------------------------------

    def validate(self, setup: AssociationSetup) -> list[Problem]:
        """What `apply` would refuse (for the wizard, page by page)."""
        return setup_problems(setup)

    def apply(self, setup: AssociationSetup, actor: str | None = None, dry_run: bool = False) -> SetupReport:
        """Store the whole setup in one transaction, or nothing (`ValidationError` listing
        every problem).

        The settings are replaced (the demo flag stays as stored); territories are added or
        updated by code, and those the setup leaves out are removed when nothing refers to
        them (kept, with a note, otherwise); shift templates, base demand curves and dated
        periods become exactly the setup's (rosters keep their own copies of times); rates
        and tiers are added or updated by date, never removed (claims refer to them).
        """
        refuse("Paramètres refusés : rien n'a été enregistré", setup_problems(setup))
        report = SetupReport(dry_run=dry_run)
        try:
            with self._tx(actor) as s:
                self._write(s, setup, report)
                if dry_run:
                    raise _DryRun  # everything was checked and written: roll it all back
        except _DryRun:
            pass
        return report

    # --- the settings file ----------------------------------------------------------------

    def import_file(self, path: str | Path, actor: str | None = None, dry_run: bool = False) -> SetupReport:
        """Read the settings file at `path` and apply it, all or nothing: every problem of
        the file (sheet, row, column) or of the setup raises one `ValidationError`."""
        from ..importers.setup_read import read_setup

        parsed = read_setup(path)
        if parsed.problems or parsed.setup is None:
            n = len(parsed.problems)
            raise ValidationError(f"Import des paramètres refusé : rien n'a été enregistré ({n} problème"
                                  f"{'s' if n > 1 else ''})", parsed.problems)
        report = self.apply(parsed.setup, actor=actor, dry_run=dry_run)
        report.notes = [str(n) for n in parsed.notes] + report.notes
        return report

    def export_file(self, path: str | Path) -> Path:
        """Write the stored setup as the settings file (.xlsx)."""
        from ..importers.setup_write import write_setup

        setup = self.current()
        if setup is None:
            raise NotFoundError("Aucune association n'est configurée dans cette base : rien à exporter "
                                "(« sas-roster settings template » écrit un modèle à remplir)")
        return write_setup(setup, path)

    @staticmethod
    def write_template(path: str | Path, year: int) -> Path:
        """Write the settings file a new association starts from: defaults, and the usual
        bridge days of `year` and the next proposed unticked."""
        from ..importers.setup_write import write_setup

        proposals = usual_bridge_days(year) + usual_bridge_days(year + 1)
        return write_setup(default_setup(), path, proposals)

    # --- helpers --------------------------------------------------------------------------

    def _write(self, s: Session, setup: AssociationSetup, report: SetupReport) -> None:
        row = s.scalars(select(SettingsRow).order_by(SettingsRow.id)).first()
        report.created = row is None
        if row is None:
            row = SettingsRow(is_demo=False)
            s.add(row)
        m.apply_settings(row, replace(setup.settings, is_demo=bool(row.is_demo)))
        report.bridge_days = len(setup.settings.bridge_days)

        territories = {t.code: t for t in s.scalars(select(TerritoryRow))}
        for t in setup.territories:
            trow = territories.pop(t.code, None)
            if trow is None:
                trow = TerritoryRow()
                s.add(trow)
            m.apply_territory(trow, t)
        for code, leftover in sorted(territories.items()):
            used = s.scalar(select(exists().where(PersonRow.territory_id == leftover.id))) or s.scalar(
                select(exists().where(AssignmentRow.territory_id == leftover.id)))
            if used:
                report.notes.append(f"territoire « {code} » absent du fichier mais utilisé (personnes ou planning) : conservé")
            else:
                s.delete(leftover)
                report.notes.append(f"territoire « {code} » absent du fichier : supprimé")
        report.territories = len(setup.territories)

        templates = {(r.role, r.code): r for r in s.scalars(select(ShiftTemplateRow))}
        for tpl in setup.templates:
            tpl_row = templates.pop((tpl.role, tpl.code), None)
            if tpl_row is None:
                tpl_row = ShiftTemplateRow()
                s.add(tpl_row)
            m.apply_template(tpl_row, tpl)
        for unused in templates.values():
            s.delete(unused)
        report.templates = len(setup.templates)

        self._write_curves(s, setup.curves)
        report.curves = len(setup.curves)
        for old in list(s.scalars(select(DemandOverrideRow))):
            s.delete(old)
        s.flush()
        for o in setup.overrides:
            orow = DemandOverrideRow()
            m.apply_override(orow, o)
            s.add(orow)
        report.overrides = len(setup.overrides)

        rates = {(r.kind, r.valid_from): r for r in s.scalars(select(RateRow))}
        for r in setup.rates:
            rrow = rates.get((r.kind, r.valid_from))
            if rrow is None:
                s.add(m.rate_row(r))
            elif (rrow.value, rrow.note) != (r.value, r.note):
                rrow.value, rrow.note = r.value, r.note
        report.rates = len(setup.rates)
        tiers = {(r.valid_from, r.min_acts): r for r in s.scalars(select(Indicator9TierRow))}
        for tier in setup.tiers:
            tier_row = tiers.get((tier.valid_from, tier.min_acts))
            if tier_row is None:
                s.add(m.tier_row(tier))
            elif (tier_row.max_acts, tier_row.amount) != (tier.max_acts, tier.amount):
                tier_row.max_acts, tier_row.amount = tier.max_acts, tier.amount
        report.tiers = len(setup.tiers)
        s.flush()

    def _write_curves(self, s: Session, curves: list[DemandCurve]) -> None:
        wanted = {(c.role, wd, h): n for c in curves for wd, hours in c.by_weekday.items() for h, n in hours.items()}
        for p in list(s.scalars(select(DemandPointRow))):
            key = (p.role, p.weekday, p.hour)
            if key not in wanted:
                s.delete(p)
            else:
                n = wanted.pop(key)
                if p.count != n:
                    p.count = n
        s.flush()
        for (role, wd, h), n in wanted.items():
            s.add(DemandPointRow(role=role, weekday=wd, hour=h, count=n))


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that it rolls back."""
