"""The solve report (command line text and JSON): coverage per role, and no coverage
printed without a roster."""

from __future__ import annotations

from sas_roster.solve_report import report_text, solve_report
from solver.sas import SasSolution
from solver.sas.solution import UNKNOWN

from tests.solver.sas.tiny import doctor, problem, solve


def test_the_report_prints_coverage_per_role_and_never_without_a_roster():
    p = problem([doctor("a"), doctor("o", roles=("osnp",), status="salaried")],
                reg={8: 1, 9: 1}, osnp={8: 1}, policy="opt_out")
    sol = solve(p)
    text = report_text(solve_report(p, sol))
    assert "Couverture par rôle :\n  régulation : 100.0 % (0 h-personne manquante(s) sur 2)\n" \
           "  OSNP : 100.0 % (0 h-personne manquante(s) sur 1)" in text
    none = SasSolution(status=UNKNOWN, message="Arrêté avant d'avoir trouvé un planning.")
    text = report_text(solve_report(p, none))
    assert "Couverture" not in text and "Aucun planning : pas de couverture à indiquer." in text
    assert "coverage_percent" not in solve_report(p, none).to_dict()
