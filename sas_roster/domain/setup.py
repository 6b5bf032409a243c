"""An association's whole setup, as one value: what the setup wizard and the settings file
fill in, and what `services.setup.apply` stores in one transaction.

Also the usual bridge days of a year, proposed for the coordinator to tick (the regional
cahier des charges decides which ones are PDSA), and the defaults a new association starts
from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from .calendar import public_holidays
from .demand import DemandCurve, DemandOverride, ShiftTemplate, Territory
from .enums import HolidayZone, Role
from .errors import Problem
from .person_rules import too_long
from .rates import DatedRate, Indicator9Tier, default_indicator9_tiers, default_rates
from .settings import AssociationSettings, BridgeDay

# Column sizes of the database (persistence/models/settings.py): keep in step.
SETTINGS_NAME_MAX = 200
DEPARTMENT_MAX = 80
CODE_MAX = 40
LABEL_MAX = 200
SKILL_MAX = 80
BRIDGE_LABEL_MAX = 100
RATE_NOTE_MAX = 200

WEEKDAYS = frozenset(range(5))
SATURDAY = frozenset({5})


@dataclass
class AssociationSetup:
    """Everything that describes an association before its people: settings (name, département
    and zone, opening hours, bridge days, policies), territories, shift templates, demand
    (base curve per role and dated periods), dated rates and indicator-9 tiers."""

    settings: AssociationSettings
    territories: list[Territory] = field(default_factory=list)
    templates: list[ShiftTemplate] = field(default_factory=list)
    curves: list[DemandCurve] = field(default_factory=list)
    overrides: list[DemandOverride] = field(default_factory=list)
    rates: list[DatedRate] = field(default_factory=list)
    tiers: list[Indicator9Tier] = field(default_factory=list)

    def curve(self, role: Role) -> DemandCurve | None:
        return next((c for c in self.curves if c.role is role), None)


def _weekday_near(day: date) -> date | None:
    """The bridge a holiday on `day` makes: Monday before a Tuesday, Friday after a Thursday."""
    if day.weekday() == 1:
        return day - timedelta(days=1)
    if day.weekday() == 3:
        return day + timedelta(days=1)
    return None


def usual_bridge_days(year: int, zone: HolidayZone = HolidayZone.METROPOLE) -> list[BridgeDay]:
    """The bridge days associations usually declare as PDSA in `year`, to tick or not:
    the Friday after Ascension; the Monday or Friday next to 14 July, 15 August, 1 and
    11 November when they fall on a Tuesday or Thursday; 24 and 31 December from noon
    (when they fall on a weekday)."""
    holidays = public_holidays(zone, year)
    found: dict[date, BridgeDay] = {}
    ascension = next((d for d, name in holidays.items() if "ascension" in name.lower()), None)
    if ascension is not None:
        found[ascension + timedelta(days=1)] = BridgeDay(ascension + timedelta(days=1), None, "pont de l'Ascension")
    for month, day, name in ((7, 14, "pont du 14 juillet"), (8, 15, "pont du 15 août"),
                             (11, 1, "pont de la Toussaint"), (11, 11, "pont du 11 novembre")):
        bridge = _weekday_near(date(year, month, day))
        if bridge is not None and bridge not in holidays:
            found[bridge] = BridgeDay(bridge, None, name)
    for eve, name in ((date(year, 12, 24), "veille de Noël"), (date(year, 12, 31), "veille du jour de l'an")):
        if eve.weekday() < 5 and eve not in holidays:
            found[eve] = BridgeDay(eve, time(12), name)
    return [found[d] for d in sorted(found)]


def default_templates() -> list[ShiftTemplate]:
    """Usual shift templates: regulators 8–12, 12–16, 16–20 and Saturday 8–12; OSNP 8–14,
    14–20 and Saturday 8–12; the on-call effector's day and Saturday morning."""
    t = time
    return [
        ShiftTemplate(Role.REGULATOR, "REG-M", "Régulation matin", t(8), t(12), WEEKDAYS),
        ShiftTemplate(Role.REGULATOR, "REG-A", "Régulation après-midi", t(12), t(16), WEEKDAYS),
        ShiftTemplate(Role.REGULATOR, "REG-S", "Régulation fin de journée", t(16), t(20), WEEKDAYS),
        ShiftTemplate(Role.REGULATOR, "REG-SAM", "Régulation samedi", t(8), t(12), SATURDAY),
        ShiftTemplate(Role.OSNP, "OSNP-M", "OSNP matin", t(8), t(14), WEEKDAYS),
        ShiftTemplate(Role.OSNP, "OSNP-S", "OSNP après-midi", t(14), t(20), WEEKDAYS),
        ShiftTemplate(Role.OSNP, "OSNP-SAM", "OSNP samedi", t(8), t(12), SATURDAY),
        ShiftTemplate(Role.EFFECTOR, "AST", "Astreinte effecteur", t(8), t(20), WEEKDAYS),
        ShiftTemplate(Role.EFFECTOR, "AST-SAM", "Astreinte effecteur samedi", t(8), t(12), SATURDAY),
    ]


def flat_curve(settings: AssociationSettings, role: Role, headcount: int = 1) -> DemandCurve:
    """`headcount` people of `role` every open hour."""
    by_weekday = {
        wd: {h: headcount for h in range(rng.start.hour, rng.end.hour + (rng.end.minute > 0))}
        for wd, rng in settings.opening_hours.get(role, {}).items()
    }
    return DemandCurve(role, by_weekday)


def default_setup(name: str = "") -> AssociationSetup:
    """What a new association starts from: default opening hours and policies, the usual
    templates, one regulator and one operator every open hour, today's rates; no territory
    and no bridge day (the coordinator ticks them among `usual_bridge_days`)."""
    settings = AssociationSettings(name=name)
    return AssociationSetup(
        settings=settings,
        templates=default_templates(),
        curves=[flat_curve(settings, Role.REGULATOR), flat_curve(settings, Role.OSNP)],
        rates=default_rates(),
        tiers=default_indicator9_tiers(),
    )


def setup_text_problems(setup: AssociationSetup) -> list[Problem]:
    """Texts longer than the database keeps (the same refusal on SQLite and PostgreSQL)."""
    s = setup.settings
    out = too_long(s.name, SETTINGS_NAME_MAX, "nom") + too_long(s.department, DEPARTMENT_MAX, "département")
    for b in s.bridge_days:
        out += too_long(b.label, BRIDGE_LABEL_MAX, "libellé du pont")
    for i, t in enumerate(setup.territories, 1):
        out += too_long(t.code, CODE_MAX, "code", i) + too_long(t.name, LABEL_MAX, "nom", i)
    for i, tpl in enumerate(setup.templates, 1):
        out += too_long(tpl.code, CODE_MAX, "code", i) + too_long(tpl.label, LABEL_MAX, "libellé", i)
        out += too_long(tpl.skill, SKILL_MAX, "compétence", i)
    for i, o in enumerate(setup.overrides, 1):
        out += too_long(o.label, LABEL_MAX, "période", i)
    for i, r in enumerate(setup.rates, 1):
        out += too_long(r.note, RATE_NOTE_MAX, "note", i)
    return out
