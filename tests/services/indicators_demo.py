"""The demo association with a few hand-made March shifts: what the indicator tests read."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from sas_roster.demo.loader import load_demo
from sas_roster.domain.enums import Role
from sas_roster.domain.roster import Assignment
from sas_roster.services import Services


def build_demo_file(path: Path) -> Path:
    with Services.open(f"sqlite:///{path}") as svc:
        load_demo(svc, date(2027, 3, 10))
        # A few regulator shifts and one OSNP shift in March's draft, beside the CPTS rota.
        regs = [p for p in svc.persons.list() if Role.REGULATOR in p.roles][:3]
        for n, day in enumerate((1, 2, 3, 8)):
            p = regs[n % len(regs)]
            svc.rosters.add(2027, 3, Assignment(p.id, date(2027, 3, day), "REG-M", Role.REGULATOR, time(8), time(12)))
        osnp = next(p for p in svc.persons.list() if Role.OSNP in p.roles)
        svc.rosters.add(2027, 3, Assignment(osnp.id, date(2027, 3, 2), "OSNP-S", Role.OSNP, time(14), time(20)))
    return path
