"""The setup wizard's calls into the domain and the setup service, in one place: the rules
(département → zone and time zone, the usual bridge days, default hours and rates) are the
domain's, never the wizard's."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sas_roster.domain.demand import DemandCurve, ShiftTemplate, Territory
from sas_roster.domain.enums import HolidayZone, Role
from sas_roster.domain.rates import DatedRate, default_rates
from sas_roster.domain.settings import AssociationSettings, default_opening_hours

try:  # the domain half of issue 10 (branch issue-10-onboarding)
    from sas_roster.domain.departments import time_zone_of, zone_for_department
except ImportError:  # pragma: no cover - interim until that branch is merged
    def zone_for_department(raw: str) -> HolidayZone | None:
        code = raw.strip().upper()
        code = "0" + code if code.isdigit() and len(code) == 1 else code
        if code in ("57", "67", "68"):
            return HolidayZone.ALSACE_MOSELLE
        if code in {z.value for z in HolidayZone}:
            return HolidayZone(code)
        ok = code in ("2A", "2B") or (code.isdigit() and len(code) == 2 and 1 <= int(code) <= 95)
        return HolidayZone.METROPOLE if ok else None

    def time_zone_of(zone: HolidayZone) -> str:
        return {"971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
                "974": "Indian/Reunion", "976": "Indian/Mayotte"}.get(zone.value, "Europe/Paris")

__all__ = ["Setup", "default_opening_hours", "default_rates", "proposed_bridges", "save", "territory_kinds",
           "time_zone_of", "zone_for_department"]


@dataclass
class Setup:
    """Everything the wizard collected."""

    settings: AssociationSettings
    territories: list[Territory] = field(default_factory=list)
    shift_templates: list[ShiftTemplate] = field(default_factory=list)
    demand_curves: dict[Role, DemandCurve] = field(default_factory=dict)
    rates: list[DatedRate] = field(default_factory=list)


def territory_kinds() -> list:
    try:
        from sas_roster.domain.enums import TerritoryKind  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - interim
        return []
    return list(TerritoryKind)


def proposed_bridges(year: int, zone) -> list:
    try:
        from sas_roster.domain.calendar import proposed_bridge_days  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - interim
        return []
    return list(proposed_bridge_days(year, zone))


def settings_with(settings: AssociationSettings, **changes) -> AssociationSettings:
    known = {k: v for k, v in changes.items() if hasattr(settings, k)}
    return replace(settings, **known)


def save(services, setup: Setup, actor: str) -> None:
    """The whole setup in one transaction, through the setup service."""
    service = getattr(services, "setup", None)
    if service is not None:
        service.apply(setup, actor=actor)
        return
    # pragma: no cover - interim until the setup service lands
    services.settings.save(setup.settings, actor=actor)
    services.settings.save_territories(setup.territories, actor=actor)
    services.settings.save_shift_templates(setup.shift_templates, replace=True, actor=actor)
    for curve in setup.demand_curves.values():
        services.settings.save_demand_curve(curve, actor=actor)
    services.settings.save_rates(setup.rates, actor=actor)


def territory(code: str, name: str, kind, oncall_per_day: int, rota_source) -> Territory:
    fields = dict(code=code, name=name, oncall_per_day=oncall_per_day, rota_source=rota_source)
    if "kind" in Territory.__dataclass_fields__:
        fields["kind"] = kind
    return Territory(**fields)
