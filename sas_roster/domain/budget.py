"""The budget by funding source: planned per year (with the copil's validation), committed
and spent computed from statements and indemnities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class FundingSource(StrEnum):
    FIR = "fir"
    MIG_SAMU = "mig_samu"
    FMIS = "fmis"
    ENVELOPPE_VILLE = "enveloppe_ville"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental"
    OTHER = "other"
    PDSA = "pdsa"  # kept apart from the SAS budget

    @property
    def label_fr(self) -> str:
        return {
            "fir": "FIR",
            "mig_samu": "MIG SAMU",
            "fmis": "FMIS",
            "enveloppe_ville": "Enveloppe ville (Assurance maladie)",
            "conseil_departemental": "Conseil départemental",
            "other": "Autre",
            "pdsa": "PDSA (budget à part)",
        }[self.value]

    @classmethod
    def parse(cls, text: str) -> FundingSource:
        t = text.strip().lower().replace(" ", "_").replace("-", "_")
        for s in cls:
            if t in (s.value, s.label_fr.lower().replace(" ", "_")):
                return s
        raise ValueError(text)


@dataclass(frozen=True)
class BudgetLine:
    year: int
    source: FundingSource
    planned: Decimal
    copil_date: date | None = None
    copil_decision: str = ""


@dataclass(frozen=True)
class BudgetStatus:
    year: int
    source: FundingSource
    planned: Decimal
    committed: Decimal  # computed, not yet on a numbered statement
    spent: Decimal  # on numbered (exported) statements
    copil_date: date | None = None
    copil_decision: str = ""

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.committed - self.spent
