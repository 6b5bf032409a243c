"""Files and databases the reliability tests share: the demo association in a SQLite file
(built once, copied per test), and import files about its invented people."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from sas_roster.demo.loader import load_demo
from sas_roster.domain.rpps import make_rpps
from sas_roster.services import Services

TODAY = date(2026, 11, 23)
MONTH = "2026-12"


def build_demo_db(path: Path) -> str:
    url = f"sqlite:///{path}"
    with Services.open(url) as sv:
        load_demo(sv, TODAY)
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return url


def copy_db(src: Path, dst: Path) -> str:
    """A consistent copy (SQLite's backup: committed pages still in the -wal file included)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


def doctors(url: str, n: int = 8) -> list[tuple[str, str, str]]:
    """(RPPS, last name, first name) of `n` demo regulators."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            rows = c.execute(text(
                "SELECT p.rpps, p.last_name, p.first_name FROM persons p JOIN person_roles r ON r.person_id = p.id "
                "WHERE r.role = 'regulator' AND p.rpps IS NOT NULL ORDER BY p.id LIMIT :n"), {"n": n})
            return [tuple(r) for r in rows]
    finally:
        engine.dispose()


def availability_csv(path: Path, people: list[tuple[str, str, str]], first: date = date(2026, 12, 1),
                     days: int = 20) -> Path:
    """Every listed doctor available 13:00–17:00 on `days` days (the demo has other hours:
    importing replaces stored entries, so the import deletes and adds)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["RPPS", "Nom", "Prénom", "Date", "Début", "Fin", "Type"])
        for rpps, last, first_name in people:
            for k in range(days):
                d = first + timedelta(days=k)
                w.writerow([rpps, last, first_name, f"{d:%d/%m/%Y}", "13:00", "17:00", "disponible"])
    return path


def members_csv(path: Path, n: int = 5, start: int = 1_900_000_000) -> Path:
    """`n` new invented regulators."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Nom", "Prénom", "RPPS", "Rôles", "Statut", "Secteur", "Téléphone", "E-mail"])
        for i in range(n):
            w.writerow([f"Essainom{i}", f"Essaiprénom{i}", make_rpps(str(start + i)), "régulateur",
                        "libéral installé", "secteur 1", f"06 99 00 00 {i:02d}", f"essai{i}@exemple.invalid"])
    return path
