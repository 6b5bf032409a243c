"""Rights are enforced in the services (at flush, for every table): a treasurer cannot change
a roster by any path, read-only writes nothing anywhere, a coordinator does not certify."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sas_roster.domain.accounts import AccountRole, Area, Permission
from sas_roster.domain.enums import AttendanceStatus
from sas_roster.domain.errors import PermissionDenied
from sas_roster.domain.rates import default_rates
from sas_roster.domain.budget import BudgetLine, FundingSource
from sas_roster.domain.claims import StatementKind
from sas_roster.persistence.base import Base
from sas_roster.persistence.guard import table_area
from sas_roster.services import Services
from tests.persistence import samples

PASSWORD = "correct horse"
A = AccountRole


@pytest.fixture
def world(services: Services) -> Services:
    """An association with accounts of every role, people, a published April and a May draft."""
    services.users.add("admin", {A.ADMINISTRATOR}, PASSWORD)
    services.sign_in("admin", PASSWORD)
    for name, role in (("coord", A.COORDINATOR), ("treso", A.TREASURER), ("lecteur", A.READ_ONLY)):
        services.users.add(name, {role}, PASSWORD)
    services.settings.save(samples.settings())
    services.settings.save_territories(samples.territories())
    services.settings.save_shift_templates(samples.templates())
    services.settings.save_rates(default_rates())
    p1 = services.persons.add(samples.regulator(1)).id
    p2 = services.persons.add(samples.regulator(2)).id
    services.rosters.replace_draft(2027, 5, [samples.assignment(p1, 3), samples.assignment(p2, 4)])
    april = [dataclasses.replace(samples.assignment(p1, 5), day=date(2027, 4, 6))]
    services.rosters.replace_draft(2027, 4, april)
    services.rosters.publish(2027, 4)
    services.sign_out()
    return services


def _dump(services: Services) -> dict[str, list[tuple]]:
    with services._sessions() as s:
        return {
            t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))]
            for t in Base.metadata.sorted_tables
        }


def _roster_changes(sv: Services) -> dict[str, Callable[[], object]]:
    may = sv.rosters.assignments(2027, 5)
    p1 = may[0].person_id
    return {
        "get_or_create": lambda: sv.rosters.get_or_create(2027, 6),
        "validate": lambda: sv.rosters.validate(2027, 5),
        "replace_draft": lambda: sv.rosters.replace_draft(2027, 5, [samples.assignment(p1, 10)]),
        "add": lambda: sv.rosters.add(2027, 5, samples.assignment(p1, 11)),
        "remove": lambda: sv.rosters.remove(may[1].id),
        "pin": lambda: sv.rosters.pin(may[0].id),
        "publish": lambda: sv.rosters.publish(2027, 5),
    }


def _writers(sv: Services) -> list[tuple[str, Callable[[], object]]]:
    """Writing use cases of every area (roster ones, plus the others) with valid arguments."""
    p1 = sv.persons.list()[0]
    calls = list(_roster_changes(sv).items())
    calls += [
        ("persons.add", lambda: sv.persons.add(samples.regulator(7))),
        ("persons.update", lambda: sv.persons.update(dataclasses.replace(p1, phone="07 00 00 00 07"))),
        ("persons.deactivate", lambda: sv.persons.deactivate(p1.id)),
        ("persons.pseudonymise", lambda: sv.persons.pseudonymise(p1.id)),
        ("availability.set_month", lambda: sv.availability.set_month(p1.id, 2027, 5, samples.availability(p1.id))),
        ("pdsa.add_many", lambda: sv.pdsa.add_many(samples.duties(p1.id))),
        ("settings.save", lambda: sv.settings.save(dataclasses.replace(samples.settings(), name="Autre"))),
        ("settings.save_demand_curve", lambda: sv.settings.save_demand_curve(samples.curve())),
        ("settings.save_rates", lambda: sv.settings.save_rates([dataclasses.replace(default_rates()[0], note="modifié")])),
        ("attendance.open_month", lambda: sv.attendance.open_month(2027, 4)),
        ("claims.add_indemnity", lambda: sv.claims.add_indemnity(p1.id, StatementKind.TRAINING, date(2027, 4, 2), 60)),
        ("budget.set", lambda: sv.budget.set(BudgetLine(2027, FundingSource.FIR, Decimal("1000")))),
        ("users.add", lambda: sv.users.add("nouveau", {A.READ_ONLY}, PASSWORD)),
        ("users.disable", lambda: sv.users.disable("coord")),
        ("reset_database", lambda: sv.reset_database()),
    ]
    return calls


def _planning_writers(sv: Services) -> list[tuple[str, Callable[..., object]]]:
    """Every writing use case of the services that change rosters (found, not listed)."""
    from sas_roster.services.permissions import _writers

    return [(f"{name}.{attr}", getattr(getattr(sv, name), attr))
            for name in ("rosters", "amendments", "solving") for attr in _writers(name, getattr(sv, name))]


def test_a_treasurer_is_refused_by_every_roster_use_case_before_it_starts(world: Services) -> None:
    """Whatever the arguments: the check comes before the work (a solve is not run first)."""
    writers = _planning_writers(world)
    assert {"rosters.publish", "rosters.validate", "amendments.assign", "amendments.publish", "solving.prepare",
            "solving.store", "solving.prepare_withdrawal"} <= {n for n, _f in writers}
    world.sign_in("treso", PASSWORD)
    before = _dump(world)
    for name, method in writers:
        params = [p for p in inspect.signature(method).parameters.values()
                  if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
        with pytest.raises(PermissionDenied, match="trésorier"):
            method(*[None] * len(params))
            pytest.fail(name)
    assert _dump(world) == before


@pytest.mark.parametrize("method", ["get_or_create", "validate", "replace_draft", "add", "remove", "pin", "publish"])
def test_a_treasurer_cannot_change_a_roster(world: Services, method: str) -> None:
    world.sign_in("treso", PASSWORD)
    before = _dump(world)
    with pytest.raises(PermissionDenied, match="trésorier.*plannings"):
        _roster_changes(world)[method]()
    assert _dump(world) == before


def test_a_treasurer_cannot_amend_a_published_month(world: Services) -> None:
    april = world.rosters.assignments(2027, 4)
    p2 = next(p for p in world.persons.list() if p.id != april[0].person_id)
    world.sign_in("coord", PASSWORD)  # a coordinator amends...
    world.amendments.assign(2027, 4, p2.id, date(2027, 4, 7), "R-M", "renfort", None)
    world.sign_in("treso", PASSWORD)  # ...a treasurer cannot, nor publish the amendment
    before = _dump(world)
    for call in (
        lambda: world.amendments.publish(2027, 4, "avenant", None),
        lambda: world.amendments.remove(2027, 4, april[0].uid, "erreur", None),
        lambda: world.amendments.pin(2027, 4, april[0].uid, True, "garder", None),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _dump(world) == before


def test_a_treasurer_cannot_reach_roster_tables_through_a_raw_session_either(world: Services) -> None:
    from sas_roster.persistence.models import AssignmentRow

    world.sign_in("treso", PASSWORD)
    before = _dump(world)
    with pytest.raises(PermissionDenied), world._sessions.begin() as s:
        s.get(AssignmentRow, world.rosters.assignments(2027, 5)[0].id).end = samples.assignment(1, 1, end=20).end
    from sqlalchemy import delete

    with pytest.raises(PermissionDenied), world._sessions.begin() as s:
        s.execute(delete(AssignmentRow))
    assert _dump(world) == before


def test_read_only_writes_nothing_anywhere(world: Services) -> None:
    world.sign_in("lecteur", PASSWORD)
    before = _dump(world)
    for name, call in _writers(world):
        with pytest.raises(PermissionDenied):
            call()
            pytest.fail(f"{name} wrote as read-only")
        assert _dump(world) == before, name


def test_read_only_cannot_insert_into_any_mapped_table(world: Services) -> None:
    """Generic over the mapper registry: tables added later are covered without code."""
    world.sign_in("lecteur", PASSWORD)
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == "audit_log":
            continue
        with pytest.raises(PermissionDenied), world._sessions.begin() as s:
            s.add(mapper.class_())
            s.flush()


def test_nobody_signed_in_writes_nothing_once_accounts_exist(world: Services) -> None:
    with pytest.raises(PermissionDenied, match="Connexion requise"):
        world.persons.add(samples.regulator(8))


def test_the_treasurer_keeps_the_money_and_the_coordinator_the_planning(world: Services) -> None:
    april = world.rosters.assignments(2027, 4)
    world.sign_in("coord", PASSWORD)
    world.rosters.add(2027, 5, samples.assignment(april[0].person_id, 12))
    before = _dump(world)
    for call in (lambda: world.attendance.open_month(2027, 4), lambda: world.attendance.confirm(2027, 4),
                 lambda: world.claims.issue([])):
        with pytest.raises(PermissionDenied, match="présences"):
            call()
    with pytest.raises(PermissionDenied, match="exporter les états"):
        world.authorise(Permission.EXPORT_STATEMENTS)
    assert _dump(world) == before
    world.sign_in("treso", PASSWORD)  # the treasurer records, certifies and issues
    lines = world.attendance.open_month(2027, 4)
    world.attendance.record([line.with_status(AttendanceStatus.PRESENT) for line in lines])
    world.attendance.confirm(2027, 4)
    issued = world.claims.issue(world.claims.regulation(2027, 4))
    assert issued and issued[0].number
    world.authorise(Permission.EXPORT_STATEMENTS)
    world.authorise(Permission.CERTIFY_ATTENDANCE)


def test_the_actor_is_the_signed_in_user_whatever_the_caller_says(world: Services) -> None:
    world.sign_in("coord", PASSWORD)
    p = world.persons.add(samples.regulator(9), actor="quelqu'un d'autre")
    assert world.audit.entries(entity="persons", entity_id=p.id)[0].actor == "coord"


def test_single_user_mode_without_accounts(services: Services) -> None:
    assert services.single_user
    services.persons.add(samples.regulator(1), actor="Claire")
    assert services.audit.entries(entity="persons")[0].actor == "Claire"


def test_every_table_has_a_deliberate_area() -> None:
    areas = {t.name: table_area(t) for t in Base.metadata.sorted_tables if t.name != "audit_log"}
    assert areas["assignments"] is Area.PLANNING and areas["rosters"] is Area.PLANNING
    assert areas["attendance_lines"] is Area.FINANCE and areas["dated_rates"] is Area.FINANCE
    assert areas["document_versions"] is Area.REGISTRY and areas["users"] is Area.ACCOUNTS
    assert Area.OTHER not in areas.values(), [n for n, a in areas.items() if a is Area.OTHER]
    # Tables other work adds later fall where their names say.
    assert table_area("roster_versions") is Area.PLANNING and table_area("version_shifts") is Area.PLANNING
    assert table_area("regulation_statements") is Area.FINANCE and table_area("budget_lines") is Area.FINANCE


def test_accounts_rules(services: Services) -> None:
    from sas_roster.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="premier compte"):
        services.users.add("treso", {A.TREASURER}, PASSWORD)
    with pytest.raises(ValidationError, match="8 caractères"):
        services.users.add("admin", {A.ADMINISTRATOR}, "court")
    services.users.add("admin", {A.ADMINISTRATOR}, PASSWORD)
    services.sign_in("admin", PASSWORD)
    services.users.add("multi", {A.COORDINATOR, A.TREASURER}, PASSWORD)
    assert services.users.get("multi").roles == {A.COORDINATOR, A.TREASURER}
    with pytest.raises(ValidationError, match="administrateur actif"):
        services.users.disable("admin")
    with pytest.raises(PermissionDenied, match="incorrect"):
        services.sign_in("admin", "mauvais mot de passe")
    with pytest.raises(PermissionDenied, match="incorrect"):
        services.sign_in("personne", PASSWORD)
    services.users.disable("multi")
    with pytest.raises(PermissionDenied, match="désactivé"):
        services.sign_in("multi", PASSWORD)
    with services._sessions() as s:
        stored = s.scalar(select(Base.metadata.tables["users"].c.password_hash).limit(1))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_anyone_changes_their_own_password_only(world: Services) -> None:
    world.sign_in("lecteur", PASSWORD)
    world.users.set_password("lecteur", "nouveau mot de passe")
    with pytest.raises(PermissionDenied):
        world.users.set_password("coord", "nouveau mot de passe")
    world.sign_in("lecteur", "nouveau mot de passe")
    with world._sessions() as s:
        assert s.scalar(select(func.count()).select_from(Base.metadata.tables["users"])) == 4
