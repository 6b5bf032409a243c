"""The money sections of the indicators, recomputed from the statements, budget and SNP counts.

Runs once the attendance-and-money services are in the build (`services.claims`); until
then the indicators say "non disponible" (tested in test_indicators.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from sas_roster.demo.loader import load_demo
from sas_roster.domain.enums import Role
from sas_roster.services import Services
from sas_roster.services.indicators import compute

claims_module = pytest.importorskip("sas_roster.services.claims")


@pytest.fixture
def svc(tmp_path):
    with Services.open(f"sqlite:///{tmp_path / 'money.db'}") as s:
        load_demo(s, date(2027, 4, 12))  # March 2027 is published history
        yield s


def test_statements_budget_and_snp_match_the_money_services(svc):
    from sas_roster.domain.budget import BudgetLine, FundingSource
    from sas_roster.domain.claims import StatementKind

    svc.attendance.open_month(2027, 3)
    for day in range(1, 32):
        try:
            svc.attendance.all_present(2027, 3, date(2027, 3, day))
        except Exception:  # noqa: BLE001 - days without shifts
            pass
    svc.attendance.confirm(2027, 3, actor="Trésorière")
    effectors = [p for p in svc.persons.list() if Role.EFFECTOR in p.roles][:4]
    claims_module.import_snp_rows(svc.claims, [
        {"rpps": p.rpps, "mois": f"2027-0{m}", "actes": 3 + 6 * i, "majorations": 2, "indicateur 8": "oui"}
        for i, p in enumerate(effectors) for m in (1, 2, 3)])
    regulator = next(p for p in svc.persons.list() if Role.REGULATOR in p.roles)
    svc.claims.add_indemnity(regulator.id, StatementKind.TRAINING, date(2027, 3, 4), 90, actor="Trésorière")
    svc.budget.set(BudgetLine(2027, FundingSource.FIR, Decimal("40000.00")), actor="Trésorière")

    ind = compute(svc, "2027-Q1")
    assert ind.money.available and "01/2027" in ind.money.note  # January has no confirmed attendance
    regulation = svc.claims.regulation(2027, 3)
    indemnities = svc.claims.indemnities(2027, [1, 2, 3])
    expected: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for st in regulation + indemnities:
        expected[(st.kind.label_fr, st.payer_name)] += st.total
    assert {(s.kind, s.payer): s.amount for s in ind.statements} == dict(expected)
    assert sum(s.count for s in ind.statements) == len(regulation) + len(indemnities)
    fir = next(b for b in ind.budget if b.source == FundingSource.FIR.label_fr)
    assert fir.planned == Decimal("40000.00")
    assert fir.committed == sum((st.total for st in indemnities), Decimal(0))
    by_territory: dict[str, int] = defaultdict(int)
    for p, i in zip(effectors, range(4), strict=True):
        by_territory[p.territory] += 3 * (3 + 6 * i)
    assert {r.territory: r.acts for r in ind.snp_rows} == dict(by_territory)
    assert sum(sum(r.tiers.values()) for r in ind.snp_rows) == len(effectors)
