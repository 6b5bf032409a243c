"""reset_database empties every table (the demo loader starts from there)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from sas_roster.domain.enums import Role
from sas_roster.domain.quotas import WorkedHours
from sas_roster.domain.rates import default_indicator9_tiers, default_rates
from sas_roster.domain.budget import BudgetLine, FundingSource
from sas_roster.domain.claims import StatementKind
from sas_roster.services.claims import import_snp_rows
from sas_roster.persistence.base import Base
from tests.persistence import samples


def test_reset_empties_every_table_and_records_itself(services) -> None:
    services.settings.save(samples.settings())
    services.settings.save_territories(samples.territories())
    services.settings.save_shift_templates(samples.templates())
    services.settings.save_demand_curve(samples.curve())
    services.settings.save_demand_overrides([samples.override()])
    services.settings.save_rates(default_rates())
    services.settings.save_indicator9_tiers(default_indicator9_tiers())
    p = services.persons.add(samples.full_person()).id
    services.persons.add(samples.osnp())
    services.availability.set_month(p, 2027, 5, samples.availability(p))
    services.pdsa.add_many(samples.duties(p))
    services.rosters.replace_draft(2027, 5, [samples.assignment(p, 3)])
    services.rosters.publish(2027, 5)
    services.history.save_entered([WorkedHours(p, Role.REGULATOR, 2027, 3, 600)])
    services.attendance.open_month(2027, 5)
    services.attendance.all_present(2027, 5, date(2027, 5, 3))
    services.attendance.confirm(2027, 5, actor="Trésorière")
    services.claims.issue(services.claims.regulation(2027, 5), actor="Trésorière")
    services.claims.add_indemnity(p, StatementKind.TRAINING, date(2027, 5, 4), 60, actor="Trésorière")
    import_snp_rows(services.claims, [{"rpps": samples.full_person().rpps, "mois": "2027-05", "actes": 3,
                                       "majorations": 1, "indicateur 8": "oui"}])
    services.budget.set(BudgetLine(2027, FundingSource.FIR, Decimal("1000.00")), actor="Trésorière")
    a = services.rosters.version(2027, 5).assignments[0]
    services.amendments.pin(2027, 5, a.uid, True, "gardé quoi qu'il arrive", actor="test")
    with services._sessions() as s:
        empty_before = [t.name for t in Base.metadata.sorted_tables if not s.scalar(select(func.count()).select_from(t))]
    assert empty_before == []  # the test really filled every table

    services.reset_database(actor="démo")

    with services._sessions() as s:
        counts = {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    assert counts.pop("audit_log") == 1
    assert set(counts.values()) == {0}
    [entry] = services.audit.entries()
    assert (entry.action, entry.actor) == ("reset", "démo")
    # The database is usable again right away.
    assert services.persons.add(samples.regulator(1)).id is not None
