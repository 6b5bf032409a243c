"""Indemnities at 3C per hour with the C of their date, effector statements from imported SNP
counts (tier only with indicator 8, majorations capped at 20 a week), the budget by source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from sas_roster.domain.claims import StatementKind
from sas_roster.domain.enums import Role
from sas_roster.services import Services
from tests.exports.test_claims_end_to_end import _run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("money")
    url = f"sqlite:///{tmp / 'sas.db'}"
    assert _run(url, "demo", "--today", "2026-11-23")[0] == 0
    with Services.open(url) as sv:
        people = sv.persons.list()
        reg = next(p for p in people if Role.REGULATOR in p.roles)
        effs = [p for p in people if Role.EFFECTOR in p.roles and p.rpps][:2]
    return url, tmp, reg, effs


def test_training_indemnities_use_the_c_of_their_date(db) -> None:
    url, tmp, reg, _ = db
    code, out, err = _run(url, "indemnity", "add", reg.rpps, "2023-06-10", "2h", "--label", "Formation régulation")
    assert code == 0 and "120 min" in out, err
    code, _, err = _run(url, "indemnity", "add", reg.rpps, "2023-06-10", "deux heures")
    assert code == 1 and "Durée" in err
    with Services.open(url) as sv:
        sv.claims.add_indemnity(reg.id, StatementKind.TRAINING, date(2023, 12, 22), 60, "Revue de bandes", actor="T")
        sv.claims.add_indemnity(reg.id, StatementKind.COORDINATION, date(2023, 11, 5), 90, "Copil", actor="T")
    code, out, err = _run(url, "export", "indemnities", "2023-Q4", "--out", str(tmp / "ind"))
    assert code == 0, err
    with Services.open(url) as sv:
        [coord, training] = sorted(sv.claims.issued("2023-Q4"), key=lambda s: s.kind.value)
        assert training.total == Decimal("79.50")  # 3 × 26,50 € for one hour on 22/12/2023
        assert coord.total == Decimal("135.00") and coord.payer.value == "association"
    code, _, err = _run(url, "export", "indemnities", "2023-06", "--out", str(tmp / "ind6"))
    assert code == 0, err
    with Services.open(url) as sv:
        [june] = sv.claims.issued("2023-06")
    assert june.total == Decimal("150.00")  # 3 × 25 € × 2 h
    text = PdfReader(tmp / "ind6" / f"etat-{june.number}.pdf").pages[0].extract_text()
    assert "formation" in text and "75,00" in text and "150,00" in text


def test_effector_statements_from_imported_snp_counts(db) -> None:
    url, tmp, _, (a, b) = db
    csv = tmp / "snp.csv"
    csv.write_text("rpps;mois;semaine;actes;majorations;indicateur 8\n"
                   f"{a.rpps};2027-04;2027-04-05;8;25;oui\n"
                   f"{a.rpps};2027-05;2027-05-03;7;3;\n"
                   f"{a.rpps};2027-06;;5;2;\n"
                   f"{b.rpps};2027-05;;30;4;non\n", encoding="utf-8")
    code, out, err = _run(url, "import", "snp", str(csv))
    assert code == 0, err
    code, _, err = _run(url, "export", "effectors", "2027-Q2", "--out", str(tmp / "eff"))
    assert code == 0, err
    with Services.open(url) as sv:
        by_person = {s.person_id: s for s in sv.claims.issued("2027-Q2")}
    # a: 20 acts → 210 €, majorations 20 (capped) + 3 + 2 = 25 × 15 €; b: indicator 8 not validated.
    assert by_person[a.id].total == Decimal("210") + 25 * Decimal("15.00")
    assert by_person[b.id].total == 4 * Decimal("15.00")
    text = PdfReader(tmp / "eff" / f"etat-{by_person[a.id].number}.pdf").pages[0].extract_text()
    assert "Estimation" in text and "Indicateur 9" in text
    bad = tmp / "bad.csv"
    bad.write_text(f"rpps;mois;actes;majorations\n00000000000;2027-04;3;1\n{a.rpps};2027-13;x;1\n", encoding="utf-8")
    code, _, err = _run(url, "import", "snp", str(bad))
    assert code == 1 and "ligne 2" in err and "rpps" in err and "ligne 3" in err and "mois" in err


def test_budget_shows_planned_committed_and_spent(db) -> None:
    url, _, _, _ = db
    code, out, err = _run(url, "budget", "set", "2023", "fir", "12000,50", "--copil-date", "2023-01-15",
                          "--decision", "formation des régulateurs")
    assert code == 0, err
    code, out, err = _run(url, "budget", "show", "2023")
    assert code == 0, err
    fir = next(line for line in out.splitlines() if line.strip().startswith("FIR"))
    # Spent: the issued indemnity statements of 2023 (150 + 79,50 + 135).
    assert "12000.50" in fir and "364.50" in fir and "15/01/2023" in fir
    assert "PDSA (budget à part)" in out
    code, _, err = _run(url, "budget", "set", "2023", "nowhere", "1")
    assert code == 1 and "inconnue" in err
