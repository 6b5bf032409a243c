"""A published month of the demo association (May 2027), built once per session and copied
for each test: demo loaded, the month filled by the greedy baseline (regulation, OSNP and
on-call duties), the platform's contacts and sending address set, published as version 1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from sas_roster.demo.loader import load_demo
from sas_roster.domain.mailing import AssociationContact, SmtpSecurity, SmtpSettings
from sas_roster.domain.roster import Assignment
from sas_roster.domain.versions import RosterVersion
from sas_roster.services import Services
from sas_roster.services.documents import MonthDocument, shift_history

YEAR, MONTH = 2027, 5
PUBLISHED_AT = datetime(2027, 4, 20, 14, 5, tzinfo=UTC)
SENDER = "planning@sas-demo.invalid"


def build_published(path: Path) -> None:
    from sas_roster.planning import build_problem, to_domain_assignments
    from solver.bench.greedy import greedy

    with Services.open(f"sqlite:///{path}") as services:
        load_demo(services, date(2027, 4, 12))
        mp = build_problem(services, YEAR, MONTH)
        kept = {(a.person, a.day, a.template, a.territory) for a in mp.problem.pins + mp.problem.cpts_rota}
        fresh = [a for a in greedy(mp.problem) if (a.person, a.day, a.template, a.territory) not in kept]
        services.rosters.replace_draft(YEAR, MONTH, to_domain_assignments(services, mp, fresh), actor="test")
        services.mailing.save_contact(AssociationContact("Plateforme SAS\nCentre hospitalier, 1 rue de l'Exemple\n00000 Ville",
                                                         "01 00 00 00 00", "coordination@sas-demo.invalid"), actor="test")
        services.mailing.save_smtp(SmtpSettings("127.0.0.1", 25, SmtpSecurity.NONE, "", SENDER, "SAS Val-de-Brenne"),
                                   actor="test")
        services.rosters.publish(YEAR, MONTH, actor="test", at=PUBLISHED_AT)


@pytest.fixture(scope="session")
def published_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("published") / "published.db"
    build_published(path)
    return path


@pytest.fixture
def published(published_file: Path, tmp_path: Path) -> Iterator[Services]:
    path = tmp_path / "published.db"
    shutil.copyfile(published_file, path)
    services = Services.open(f"sqlite:///{path}")
    yield services
    services.close()


def amended(doc: MonthDocument) -> tuple[MonthDocument, dict[str, Assignment]]:
    """Version 2 made by hand from `doc` (version 1), as an amendment would: one shift moved
    (same uid, new times), one removed, one added (new uid), the others unchanged. Returns
    the version-2 document and the shifts concerned by name."""
    v1 = doc.version
    shifts = sorted(v1.assignments, key=lambda a: (a.day, a.start, a.person_id))
    regulation = [a for a in shifts if a.role.value == "regulator"]
    moved, removed, unchanged = regulation[0], regulation[1], regulation[2]
    after_move = replace(moved, start=time(9), end=time(13))
    added = replace(regulation[3], uid="00000000-0000-4000-8000-0000000000aa", day=regulation[3].day.replace(day=28),
                    id=None)
    kept = [after_move if a.uid == moved.uid else a for a in shifts if a.uid != removed.uid] + [added]
    v2 = RosterVersion(YEAR, MONTH, 2, datetime(2027, 5, 2, 9, 30, tzinfo=UTC), "test", "arrêt maladie", tuple(kept))
    doc2 = replace(doc, version=v2, shifts=shift_history([v1, v2]))
    return doc2, {"moved": after_move, "removed": removed, "unchanged": unchanged, "added": added, "before_move": moved}
