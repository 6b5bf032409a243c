"""Governance on the command line: accounts on a fresh database, --user, a treasurer's solve
refused with a French message and nothing changed, audit verify after a direct edit, minutes."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from sas_roster.domain.registry import Attendance, Body, BodyKind, College, Decision, Meeting, Member
from sas_roster.persistence.engine import sqlite_path
from sas_roster.services import Services


def _dump(url: str) -> dict:
    with sqlite3.connect(sqlite_path(url)) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: c.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture
def accounts(demo_cli, monkeypatch):
    cli = demo_cli
    code, out, err = cli("users", "add", "admin", "--role", "administrator", "--password", "secret-admin")
    assert code == 0, err
    assert "Compte « admin » créé (administrateur)" in out
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "secret-admin")
    code, out, err = cli("--user", "admin", "users", "add", "treso", "--role", "treasurer",
                         "--password", "secret-treso")
    assert code == 0, err
    return cli


def test_first_account_must_be_an_administrator(cli) -> None:
    code, _out, err = cli("users", "add", "treso", "--role", "treasurer", "--password", "secret-treso")
    assert code == 1 and "premier compte" in err


def test_a_treasurer_cannot_solve_nor_amend(accounts, monkeypatch) -> None:
    cli = accounts
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "secret-treso")
    before = _dump(cli.url)
    code, out, err = cli("--user", "treso", "solve", "2026-12", "--time-limit", "2")
    assert code != 0 and "Action refusée" in err and "trésorier" in err and "Rien n'a été modifié" in err
    for command in (
        ["replace", "2026-12", "--person", "1", "--date", "2026-12-07"],
        ["amend", "2026-11", "assign", "--person", "1", "--date", "2026-11-09", "--shift", "REG-M", "--reason", "x"],
        ["amend", "2026-11", "publish", "--reason", "avenant"],
        ["validate", "2026-12"],
        ["publish", "2026-12"],
    ):
        code, out, err = cli("--user", "treso", *command)
        assert code == 1 and "Action refusée" in err and "trésorier" in err, command
    code, out, err = cli("--user", "treso", "amend", "2026-11", "status")  # reading is allowed
    assert code == 0, err
    assert _dump(cli.url) == before


def test_wrong_password_and_no_sign_in(accounts, monkeypatch) -> None:
    cli = accounts
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "faux")
    code, _out, err = cli("--user", "treso", "users", "list")
    assert code == 1 and "mot de passe incorrect" in err
    monkeypatch.delenv("SAS_ROSTER_PASSWORD")
    code, _out, err = cli("solve", "2026-12")
    assert code == 1 and "Connexion requise" in err


def test_users_list_passwd_disable(accounts, monkeypatch) -> None:
    cli = accounts
    code, out, _ = cli("--user", "admin", "users", "list")
    assert code == 0 and "treso" in out and "trésorier" in out and "actif" in out
    assert cli("--user", "admin", "users", "passwd", "treso", "--password", "nouveau-secret")[0] == 0
    assert cli("--user", "admin", "users", "disable", "treso")[0] == 0
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "nouveau-secret")
    code, _out, err = cli("--user", "treso", "users", "list")
    assert code == 1 and "désactivé" in err


def test_audit_verify_show_and_export(accounts, tmp_path) -> None:
    cli = accounts
    code, out, _ = cli("--user", "admin", "audit", "verify")
    assert code == 0 and "intègre" in out
    code, checkpoint, _ = cli("audit", "checkpoint")
    assert code == 0 and len(checkpoint.strip()) == 64
    code, out, _ = cli("audit", "show", "--kind", "accounts", "--limit", "5")
    assert code == 0 and "Comptes" in out and "admin" in out
    code, out, _ = cli("audit", "export", str(tmp_path / "journal.csv"), "--by", "admin")
    assert code == 0 and (tmp_path / "journal.csv").read_text(encoding="utf-8-sig").startswith("n°;date;par")

    with sqlite3.connect(sqlite_path(cli.url)) as c:
        c.execute("DROP TRIGGER audit_log_no_update")
        victim = c.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 10").fetchone()[0]
        c.execute("UPDATE audit_log SET actor = 'intrus' WHERE id = ?", (victim,))
    code, out, _ = cli("audit", "verify")
    assert code == 1 and f"entrée n° {victim}" in out


def test_minutes_pdf(cli, tmp_path) -> None:
    with Services.open(cli.url) as sv:
        ids = [sv.registry.save_member(Member(f"Membre{i}", "Alix")).id for i in range(4)]
        body = sv.registry.save_body(Body("AG", "Assemblée générale", BodyKind.GENERAL_ASSEMBLY,
                                          (College("adhérents", 5, Decimal("0.5"), tuple(ids)),)))
        meeting = sv.registry.save_meeting(Meeting(
            body.id, date(2027, 6, 12), "Maison des associations", ("Rapport moral", "Cotisation 2028"),
            (Attendance(ids[0], True), Attendance(ids[1], True), Attendance(ids[2], False, ids[0])),
            (Decision("Rapport moral approuvé", 3, 0, 0),),
        ))
    out_pdf = tmp_path / "pv.pdf"
    code, out, err = cli("minutes", str(meeting.id), "--out", str(out_pdf))
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert "Procès-verbal — Assemblée générale" in text and "samedi 12 juin 2027" in text
    assert "représenté par Alix Membre0" in text and "1 siège(s) vacant(s)" in text
    assert "Quorum atteint" in text and "adoptée" in text and "Journal d'audit — empreinte" in text


def test_read_only_changes_nothing_from_the_command_line(accounts, monkeypatch, tmp_path) -> None:
    cli = accounts
    assert cli("--user", "admin", "users", "add", "lecteur", "--role", "read_only", "--password", "secret-lect")[0] == 0
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "secret-lect")
    before = _dump(cli.url)
    for command in (["solve", "2026-12", "--time-limit", "1"], ["validate", "2026-12"],
                    ["users", "add", "x", "--role", "administrator", "--password", "secret-xxxx"],
                    ["users", "disable", "treso"], ["governance", "retention", "12"],
                    ["governance", "erase-expired"], ["demo", "--today", "2026-11-23"]):
        code, _out, err = cli("--user", "lecteur", *command)
        assert code == 1 and ("refusée" in err or "ne peut pas" in err), (command, err)
    assert cli("--user", "lecteur", "audit", "verify")[0] == 0  # reading is allowed
    assert _dump(cli.url) == before


def test_without_signing_in_a_database_with_accounts_writes_nothing(accounts, monkeypatch) -> None:
    cli = accounts
    monkeypatch.delenv("SAS_ROSTER_PASSWORD")
    before = _dump(cli.url)
    code, _out, err = cli("users", "add", "intrus", "--role", "administrator", "--password", "secret-intrus")
    assert code == 1 and "Connexion requise" in err
    assert _dump(cli.url) == before


def test_statements_export_is_the_treasurers_and_prints_the_audit_checkpoint(accounts, monkeypatch, tmp_path) -> None:
    from sas_roster.domain.enums import AttendanceStatus

    cli = accounts
    assert cli("--user", "admin", "users", "add", "coord", "--role", "coordinator", "--password", "secret-coord")[0] == 0
    with Services.open(cli.url) as sv:
        sv.sign_in("admin", "secret-admin")
        published = sorted((r.year, r.month) for r in sv.rosters.list() if sv.rosters.versions(r.year, r.month))
        year, month = published[-1]
        lines = sv.attendance.open_month(year, month)
        sv.attendance.record([line.with_status(AttendanceStatus.PRESENT) for line in lines])
        sv.attendance.confirm(year, month)
    period = f"{year:04d}-{month:02d}"
    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "secret-coord")
    before = _dump(cli.url)
    code, _out, err = cli("--user", "coord", "export", "claims", period, "--out", str(tmp_path / "coord"))
    assert code == 1 and "Action refusée" in err and "coordinateur" in err
    assert _dump(cli.url) == before and not (tmp_path / "coord").exists()

    monkeypatch.setenv("SAS_ROSTER_PASSWORD", "secret-treso")
    code, out, err = cli("--user", "treso", "export", "claims", period, "--out", str(tmp_path / "treso"))
    assert code == 0, err
    pdf = next((tmp_path / "treso").glob("etat-*.pdf"))
    text = PdfReader(pdf).pages[0].extract_text()
    printed = text.split("Journal d'audit — empreinte ")[1].split()[0]
    code, out, _ = cli("audit", "verify", "--expect", printed)
    assert code == 0 and "intègre" in out
