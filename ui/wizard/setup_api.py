"""The setup wizard's calls into the domain and the setup service, in one place: the rules
(département → zone and time zone, the usual bridge days, default hours, shifts, demand and
rates, what a setup must satisfy) are the domain's, never the wizard's."""

from __future__ import annotations

from dataclasses import replace

from sas_roster.domain.demand import Territory
from sas_roster.domain.departments import normalise_department, time_zone_of, zone_for_department
from sas_roster.domain.enums import TerritoryKind
from sas_roster.domain.setup import AssociationSetup, default_setup, flat_curve, usual_bridge_days
from sas_roster.domain.settings import AssociationSettings

__all__ = ["AssociationSetup", "default_setup", "flat_curve", "normalise_department", "proposed_bridges", "save",
           "settings_with", "territory", "territory_kinds", "time_zone_of", "zone_for_department"]


def territory_kinds() -> list[TerritoryKind]:
    return list(TerritoryKind)


def proposed_bridges(year: int, zone) -> list:
    return usual_bridge_days(year, zone)


def settings_with(settings: AssociationSettings, **changes) -> AssociationSettings:
    return replace(settings, **changes)


def territory(code: str, name: str, kind: TerritoryKind, oncall_per_day: int, rota_source) -> Territory:
    return Territory(code=code, name=name, oncall_per_day=oncall_per_day, rota_source=rota_source, kind=kind)


def save(services, setup: AssociationSetup, actor: str) -> None:
    """The whole setup, checked then stored in one transaction (nothing written if refused)."""
    services.setup.apply(setup, actor=actor)
