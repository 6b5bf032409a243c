"""Conversions between ORM rows and domain dataclasses.

`*_to_domain` build detached domain objects; `apply_*` copy a domain object onto a row.
Child collections are updated by difference (kept rows stay untouched) so that the audit log
records what really changed, not a delete-and-reinsert of everything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from ..domain.availability import AvailabilityEntry, PdsaDuty
from ..domain.demand import DemandCurve, DemandOverride, ShiftTemplate, Territory
from ..domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota, TrainingRecord
from ..domain.rates import DatedRate, Indicator9Tier
from ..domain.roster import Assignment, Roster
from ..domain.settings import AssociationSettings, BridgeDay, TimeRange
from ..domain.versions import RosterVersion
from .models import (
    AssignmentRow,
    AvailabilityRow,
    BridgeDayRow,
    ContractRow,
    DemandOverridePointRow,
    DemandOverrideRow,
    DemandPointRow,
    Indicator9TierRow,
    OpeningHoursRow,
    PdsaDutyRow,
    PersonRoleRow,
    PersonRow,
    PersonSkillRow,
    RateRow,
    RosterRow,
    RosterVersionRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
    TrainingRow,
    VersionShiftRow,
)

R = TypeVar("R")


def sync_children(
    rows: list[R],
    wanted: Iterable[Any],
    key_of_row: Callable[[R], Hashable],
    key_of_item: Callable[[Any], Hashable],
    make: Callable[[Any], R],
    update: Callable[[R, Any], None] | None = None,
) -> None:
    """Make the collection `rows` hold exactly `wanted`, touching only what differs.

    Rows and items are matched by key; a matched row is kept (and `update`d when given).
    Keys must be the table's unique key when it has one: the unit of work inserts before it
    deletes, so replacing a row by a new one with the same unique key would collide.
    """
    wanted_by_key: dict[Hashable, list[Any]] = {}
    for item in wanted:
        wanted_by_key.setdefault(key_of_item(item), []).append(item)
    for row in list(rows):
        bucket = wanted_by_key.get(key_of_row(row))
        if bucket:
            item = bucket.pop()
            if update is not None:
                update(row, item)
        else:
            rows.remove(row)
    for bucket in wanted_by_key.values():
        rows.extend(make(item) for item in bucket)


def _assign(row: Any, **values: Any) -> None:
    """Set only the attributes whose value changes (an unchanged set still dirties the row)."""
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


def _set_attrs(*names: str, offset: int) -> Callable[[Any, tuple[Any, ...]], None]:
    def update(row: Any, item: tuple[Any, ...]) -> None:
        _assign(row, **{n: item[offset + i] for i, n in enumerate(names)})

    return update


# --- settings -------------------------------------------------------------------------------

_SETTINGS_SCALARS = (
    "name", "zone", "department", "availability_policy", "rest_after_pdsa_night",
    "rest_after_pdsa_hours", "remote_min_on_site_share", "handover_policy",
    "max_regulator_hours_per_day", "osnp_max_hours_per_day", "osnp_min_rest_hours",
    "osnp_max_hours_per_week", "retention_years", "default_retiree_quota_hours", "is_demo",
)


def settings_to_domain(row: SettingsRow) -> AssociationSettings:
    hours: dict[Any, dict[int, TimeRange]] = {}
    for h in row.opening_hours:
        hours.setdefault(h.role, {})[h.weekday] = TimeRange(h.start, h.end)
    bridges = tuple(BridgeDay(b.day, b.pdsa_from, b.label) for b in sorted(row.bridge_days, key=lambda b: b.day))
    return AssociationSettings(
        **{k: getattr(row, k) for k in _SETTINGS_SCALARS},
        opening_hours=hours,
        bridge_days=bridges,
        id=row.id,
    )


def apply_settings(row: SettingsRow, s: AssociationSettings) -> None:
    for k in _SETTINGS_SCALARS:
        setattr(row, k, getattr(s, k))
    wanted_hours = [(role, wd, r.start, r.end) for role, days in s.opening_hours.items() for wd, r in days.items()]
    sync_children(
        row.opening_hours, wanted_hours,
        lambda h: (h.role, h.weekday), lambda w: (w[0], w[1]),
        lambda w: OpeningHoursRow(role=w[0], weekday=w[1], start=w[2], end=w[3]),
        _set_attrs("start", "end", offset=2),
    )
    sync_children(
        row.bridge_days, s.bridge_days,
        lambda b: b.day, lambda b: b.day,
        lambda b: BridgeDayRow(day=b.day, pdsa_from=b.pdsa_from, label=b.label),
        lambda r, b: _assign(r, pdsa_from=b.pdsa_from, label=b.label),
    )


def territory_to_domain(row: TerritoryRow) -> Territory:
    return Territory(row.code, row.name, row.oncall_per_day, row.rota_source, row.kind, id=row.id)


def apply_territory(row: TerritoryRow, t: Territory) -> None:
    _assign(row, code=t.code, name=t.name, oncall_per_day=t.oncall_per_day, rota_source=t.rota_source,
            kind=t.kind)


def template_to_domain(row: ShiftTemplateRow) -> ShiftTemplate:
    days = frozenset(int(x) for x in row.weekdays.split(",") if x != "")
    return ShiftTemplate(row.role, row.code, row.label, row.start, row.end, days, row.skill, id=row.id)


def apply_template(row: ShiftTemplateRow, t: ShiftTemplate) -> None:
    row.role, row.code, row.label, row.start, row.end, row.skill = t.role, t.code, t.label, t.start, t.end, t.skill
    row.weekdays = ",".join(str(d) for d in sorted(t.weekdays))


def curves_to_domain(points: Iterable[DemandPointRow]) -> dict[Any, DemandCurve]:
    by_role: dict[Any, dict[int, dict[int, int]]] = {}
    for p in points:
        by_role.setdefault(p.role, {}).setdefault(p.weekday, {})[p.hour] = p.count
    return {role: DemandCurve(role, weeks) for role, weeks in by_role.items()}


def curve_points(curve: DemandCurve) -> list[tuple[int, int, int]]:
    return [(wd, h, n) for wd, hours in curve.by_weekday.items() for h, n in hours.items()]


def override_to_domain(row: DemandOverrideRow) -> DemandOverride:
    weeks: dict[int, dict[int, int]] = {}
    for p in row.points:
        weeks.setdefault(p.weekday, {})[p.hour] = p.count
    return DemandOverride(row.label, row.start, row.end, DemandCurve(row.role, weeks), id=row.id)


def apply_override(row: DemandOverrideRow, o: DemandOverride) -> None:
    row.label, row.role, row.start, row.end = o.label, o.curve.role, o.start, o.end
    sync_children(
        row.points, curve_points(o.curve),
        lambda p: (p.weekday, p.hour), lambda w: (w[0], w[1]),
        lambda w: DemandOverridePointRow(weekday=w[0], hour=w[1], count=w[2]),
        _set_attrs("count", offset=2),
    )


# --- persons --------------------------------------------------------------------------------

_PERSON_SCALARS = (
    "last_name", "first_name", "status", "rpps", "sector", "phone", "email",
    "monthly_max_shifts", "monthly_max_hours", "consent_contact", "active", "active_from",
    "active_until", "pseudonymised",
)


def person_to_domain(row: PersonRow) -> Person:
    remote = (
        RemoteAuthorisation(row.remote_granted_on, row.remote_place or "")
        if row.remote_granted_on is not None else None
    )
    quota = (
        RetireeQuota(row.quota_yearly_hours, row.quota_monthly_hours, row.quota_eligible_until)
        if (row.quota_yearly_hours, row.quota_monthly_hours, row.quota_eligible_until) != (None, None, None)
        else None
    )
    return Person(
        **{k: getattr(row, k) for k in _PERSON_SCALARS},
        roles=frozenset(r.role for r in row.roles),
        id=row.id,
        territory=row.territory.code if row.territory is not None else None,
        remote=remote,
        skills=frozenset(s.skill for s in row.skills),
        trainings=tuple(TrainingRecord(t.kind, t.done_on, t.expires_on) for t in row.trainings),
        quota=quota,
        contracts=tuple(
            Contract(c.kind, c.start, c.end, c.employer, c.weekly_hours, c.replaces) for c in row.contracts
        ),
        extra=dict(row.extra or {}),
    )


def person_values(p: Person, territory_id: int | None) -> dict[str, Any]:
    """The `persons` columns of `p` (all but the id)."""
    values = {k: getattr(p, k) for k in _PERSON_SCALARS}
    values.update(
        territory_id=territory_id,
        remote_granted_on=p.remote.granted_on if p.remote else None,
        remote_place=p.remote.place if p.remote else None,
        quota_yearly_hours=p.quota.yearly_hours if p.quota else None,
        quota_monthly_hours=p.quota.monthly_hours if p.quota else None,
        quota_eligible_until=p.quota.eligible_until if p.quota else None,
        extra=dict(p.extra),
    )
    return values


def apply_person(row: PersonRow, p: Person, territory_id: int | None) -> None:
    for k, v in person_values(p, territory_id).items():
        if k != "extra":
            setattr(row, k, v)
    if row.extra is None or row.extra != p.extra:
        row.extra = dict(p.extra)
    sync_children(row.roles, p.roles, lambda r: r.role, lambda r: r, lambda r: PersonRoleRow(role=r))
    sync_children(row.skills, p.skills, lambda s: s.skill, lambda s: s, lambda s: PersonSkillRow(skill=s))
    sync_children(
        row.trainings, p.trainings,
        lambda t: (t.kind, t.done_on, t.expires_on), lambda t: (t.kind, t.done_on, t.expires_on),
        lambda t: TrainingRow(kind=t.kind, done_on=t.done_on, expires_on=t.expires_on),
    )
    sync_children(
        row.contracts, p.contracts,
        lambda c: (c.kind, c.start, c.end, c.employer, c.weekly_hours, c.replaces),
        lambda c: (c.kind, c.start, c.end, c.employer, c.weekly_hours, c.replaces),
        lambda c: ContractRow(kind=c.kind, start=c.start, end=c.end, employer=c.employer, weekly_hours=c.weekly_hours,
                              replaces=c.replaces),
    )


# --- planning -------------------------------------------------------------------------------

def availability_to_domain(row: AvailabilityRow) -> AvailabilityEntry:
    return AvailabilityEntry(row.person_id, row.day, TimeRange(row.start, row.end), row.kind, id=row.id)


def availability_row(e: AvailabilityEntry) -> AvailabilityRow:
    return AvailabilityRow(person_id=e.person_id, day=e.day, start=e.range.start, end=e.range.end, kind=e.kind)


def duty_to_domain(row: PdsaDutyRow) -> PdsaDuty:
    return PdsaDuty(row.person_id, row.start, row.end, row.kind, row.sector, id=row.id)


def duty_row(d: PdsaDuty) -> PdsaDutyRow:
    return PdsaDutyRow(person_id=d.person_id, start=d.start, end=d.end, kind=d.kind, sector=d.sector)


def roster_to_domain(row: RosterRow, assignments: list[Assignment] | None = None) -> Roster:
    return Roster(row.year, row.month, row.status, row.version, row.published_at, assignments, id=row.id)


def assignment_to_domain(row: AssignmentRow) -> Assignment:
    return Assignment(
        row.person_id, row.day, row.template_code, row.role, row.start, row.end, row.presence,
        row.pinned, row.territory.code if row.territory is not None else None, row.fixed_by_cpts, id=row.id,
        uid=row.uid,
    )


def assignment_row(a: Assignment, roster_id: int, territory_id: int | None) -> AssignmentRow:
    return AssignmentRow(
        roster_id=roster_id, person_id=a.person_id, day=a.day, template_code=a.template_code,
        role=a.role, start=a.start, end=a.end, presence=a.presence, pinned=a.pinned,
        territory_id=territory_id, fixed_by_cpts=a.fixed_by_cpts, uid=a.uid or new_uid(),
    )


def new_uid() -> str:
    return str(uuid.uuid4())


def version_shift_to_domain(row: VersionShiftRow) -> Assignment:
    return Assignment(
        row.person_id, row.day, row.template_code, row.role, row.start, row.end, row.presence,
        row.pinned, row.territory.code if row.territory is not None else None, row.fixed_by_cpts,
        id=None, uid=row.uid,
    )


def version_shift_row(row: AssignmentRow, version_id: int) -> VersionShiftRow:
    """The snapshot of a working-copy assignment in a published version."""
    return VersionShiftRow(
        version_id=version_id, uid=row.uid, person_id=row.person_id, day=row.day,
        template_code=row.template_code, role=row.role, start=row.start, end=row.end,
        presence=row.presence, pinned=row.pinned, territory_id=row.territory_id,
        fixed_by_cpts=row.fixed_by_cpts,
    )


def version_to_domain(row: RosterVersionRow, year: int, month: int, with_shifts: bool = True) -> RosterVersion:
    shifts = tuple(version_shift_to_domain(s) for s in row.shifts) if with_shifts else ()
    return RosterVersion(year, month, row.number, row.published_at, row.published_by, row.reason, shifts)


# --- money ----------------------------------------------------------------------------------

def rate_to_domain(row: RateRow) -> DatedRate:
    return DatedRate(row.kind, row.value, row.valid_from, row.note, id=row.id)


def rate_row(r: DatedRate) -> RateRow:
    return RateRow(kind=r.kind, value=r.value, valid_from=r.valid_from, note=r.note)


def tier_to_domain(row: Indicator9TierRow) -> Indicator9Tier:
    return Indicator9Tier(row.min_acts, row.max_acts, row.amount, row.valid_from)


def tier_row(t: Indicator9Tier) -> Indicator9TierRow:
    return Indicator9TierRow(min_acts=t.min_acts, max_acts=t.max_acts, amount=t.amount, valid_from=t.valid_from)
