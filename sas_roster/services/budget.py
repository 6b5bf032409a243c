"""The budget by funding source: planned amounts per year with the copil's validation;
spent (on issued statements) and committed (computed, not issued yet) per source.

Where the money goes: regulation paid by the health insurance and the SNP estimates draw on
the *enveloppe ville*; regulation of fully retired doctors is the hospital's (other);
training and coordination indemnities the association pays come from the FIR.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.budget import BudgetLine, BudgetStatus, FundingSource
from ..domain.claims import Payer, Statement, StatementKind
from ..domain.errors import DomainError, Problem
from ..persistence.models import BudgetLineRow
from ..persistence.transactions import read_session
from .base import ServiceBase, refuse
from .claims import ClaimsService


def source_of(st: Statement) -> FundingSource:
    if st.kind in (StatementKind.TRAINING, StatementKind.COORDINATION):
        return FundingSource.FIR
    if st.payer is Payer.HOSPITAL:
        return FundingSource.OTHER
    return FundingSource.ENVELOPPE_VILLE


class BudgetService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session], claims: ClaimsService) -> None:
        super().__init__(sessions)
        self.claims = claims

    def set(self, line: BudgetLine, actor: str | None = None) -> BudgetLine:
        refuse("Budget refusé", [Problem("montant prévu négatif", field="prévu")] if line.planned < 0 else [])
        with self._tx(actor) as s:
            row = s.scalars(select(BudgetLineRow).where(BudgetLineRow.year == line.year,
                                                        BudgetLineRow.source == line.source)).first()
            if row is None:
                row = BudgetLineRow(year=line.year, source=line.source)
                s.add(row)
            row.planned, row.copil_date, row.copil_decision = line.planned, line.copil_date, line.copil_decision
        return line

    def lines(self, year: int) -> list[BudgetLine]:
        with read_session(self._sessions) as s:
            return [BudgetLine(r.year, r.source, r.planned, r.copil_date, r.copil_decision)
                    for r in s.scalars(select(BudgetLineRow).where(BudgetLineRow.year == year))]

    def _computed(self, year: int, today: date) -> Iterable[Statement]:
        last = 12 if year < today.year else today.month
        for month in range(1, last + 1):
            with contextlib.suppress(DomainError):  # months not confirmed commit nothing yet
                yield from self.claims.regulation(year, month)
            yield from self.claims.indemnities(year, [month])
        for q in range(1, 5):
            yield from self.claims.effectors(year, q)

    def show(self, year: int, today: date | None = None) -> list[BudgetStatus]:
        """Planned, committed and spent per source (every source, PDSA last, kept apart)."""
        spent: dict[FundingSource, Decimal] = defaultdict(Decimal)
        issued = [st for st in self.claims.issued() if st.period.startswith(f"{year:04d}-")]
        latest: dict[tuple[StatementKind, str, int], Statement] = {}
        for st in issued:  # a correction replaces what it corrects
            latest[(st.kind, st.period, st.person_id)] = st
        for st in latest.values():
            spent[source_of(st)] += st.total
        committed: dict[FundingSource, Decimal] = defaultdict(Decimal)
        for st in self._computed(year, today or date.today()):
            if (st.kind, st.period, st.person_id) not in latest:
                committed[source_of(st)] += st.total
        planned = {ln.source: ln for ln in self.lines(year)}
        out = []
        for source in FundingSource:
            ln = planned.get(source)
            out.append(BudgetStatus(year, source, ln.planned if ln else Decimal("0.00"), committed[source], spent[source],
                                    ln.copil_date if ln else None, ln.copil_decision if ln else ""))
        return out
