"""Import use case on a real SQLite database: round trips, every refusal, all-or-nothing."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime, time

import pytest
from sqlalchemy import create_engine, func, select, text

from sas_roster.domain.enums import AvailabilityKind, DutyKind, PersonStatus, Role
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.roster import Assignment
from sas_roster.importers import ImportKind, import_file as lazy_import_file, write_template
from sas_roster.persistence.base import Base
from sas_roster.services import Services
from sas_roster.services.imports import import_file
from tests.importers.helpers import (
    RPPS_A, RPPS_B, RPPS_C, RPPS_NEW, bad_key, fill_template, people, territories, write_csv, write_xlsx,
)

MEMBERS = ["Nom", "Prénom", "Rôles", "Statut", "RPPS", "Secteur", "E-mail", "Territoire"]
AV = ["RPPS", "E-mail", "Nom", "Prénom", "Date", "Début", "Fin", "Type"]
PD = ["RPPS", "Nom", "Début", "Fin", "Type", "Secteur"]
RO = ["Territoire", "Date", "RPPS", "Nom", "Début", "Fin"]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    """Migrate and seed once; each test gets its own copy of the file (keeps the suite fast)."""
    path = tmp_path_factory.mktemp("seed") / "sas.db"
    with Services.open(f"sqlite:///{path}") as svc:
        svc.settings.save_territories([dataclasses.replace(t, id=None) for t in territories()])
        svc.persons.add_many([dataclasses.replace(p, id=None) for p in people()])
    return path


@pytest.fixture
def services(seeded_db, tmp_path):
    copy = tmp_path / "sas.db"
    shutil.copyfile(seeded_db, copy)
    with Services.open(f"sqlite:///{copy}", migrate=False) as svc:
        yield svc


def ids(services) -> dict[str, int]:
    return {p.last_name: p.id for p in services.persons.list()}


def snapshot(services) -> dict[str, object]:
    """Row count of every table, and the stored persons: what 'nothing changed' means."""
    with services.engine.connect() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in Base.metadata.sorted_tables}
    return {"counts": counts, "persons": services.persons.list()}


def refused(services, kind, path, **kwargs) -> ValidationError:
    before = snapshot(services)
    with pytest.raises(ValidationError) as caught:
        import_file(services, kind, path, **kwargs)
    assert snapshot(services) == before, "a refused import must write nothing"
    return caught.value


def problem(error: ValidationError, row: int | None, field: str | None, fragment: str):
    found = [p for p in error.problems if p.row == row and p.field == field]
    assert found, f"no problem at row {row}, column {field!r}: {error}"
    assert any(fragment in p.message for p in found), str(error)
    return found[0]


# --------------------------------------------------------------------------- round trips


def test_members_round_trip_creates_and_updates(services, tmp_path):
    path = fill_template(ImportKind.MEMBERS, tmp_path / "membres.xlsx", [
        {"Nom": "LEROY", "Prénom": "Noé", "Rôles": "régulateur; effecteur", "Statut": "libéral installé",
         "RPPS": RPPS_NEW, "Secteur": "OPTAM", "Territoire": "SUD", "Compétences": "pédiatrie",
         "Actif depuis": date(2027, 1, 1)},
        {"Nom": "MARTIN", "Prénom": "Camille", "Rôles": "régulateur, effecteur", "Statut": "libéral installé",
         "RPPS": RPPS_A, "Secteur": "1", "Téléphone": "06 00 00 00 07", "E-mail": "camille.martin@example.org", "Territoire": "NORD",
         "Régulation à distance autorisée le": date(2026, 9, 1), "Lieu de régulation à distance": "cabinet"},
        {"Nom": "NEUF", "Prénom": "Ana", "Rôles": "OSNP", "Statut": "salarié", "E-mail": "ana@example.org",
         "Contrat début": date(2027, 2, 1), "Employeur": "association", "Heures hebdomadaires": 35},
    ])
    report = import_file(services, "members", path, actor="coordinatrice")
    assert (report.created, report.updated, report.unchanged, report.lines) == (2, 1, 0, 3)
    assert "2 personnes ont été créées, 1 a été mise à jour" in report.summary()
    leroy = services.persons.by_rpps(RPPS_NEW)
    assert leroy.territory == "SUD" and leroy.skills == {"pédiatrie"} and leroy.roles == {Role.REGULATOR, Role.EFFECTOR}
    martin = services.persons.by_rpps(RPPS_A)
    assert martin.id == ids(services)["MARTIN"] and martin.phone == "06 00 00 00 07"
    assert martin.remote.place == "cabinet"
    ana = next(p for p in services.persons.list() if p.last_name == "NEUF")
    assert ana.contracts[0].weekly_hours == 35 and ana.rpps is None
    assert any(e.actor == "coordinatrice" for e in services.audit.entries(entity="persons"))
    again = import_file(services, ImportKind.MEMBERS, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)  # idempotent


def test_availability_round_trip_replaces_only_the_days_covered(services, tmp_path):
    who = ids(services)
    first = fill_template(ImportKind.AVAILABILITY, tmp_path / "d1.xlsx", [
        {"RPPS": RPPS_A, "Date": date(2027, 5, 3), "Début": time(8), "Fin": time(12), "Type": "disponible"},
        {"RPPS": RPPS_A, "Date": date(2027, 5, 4), "Début": time(8), "Fin": time(20), "Type": "souhaité"},
        {"E-mail": "sacha.petit@example.org", "Date": "03/05/2027", "Début": "14h", "Fin": "20h", "Type": "si besoin"},
    ])
    report = import_file(services, ImportKind.AVAILABILITY, first)
    assert (report.added, report.persons, report.replaced) == (3, 2, 0)
    second = fill_template(ImportKind.AVAILABILITY, tmp_path / "d2.xlsx", [
        {"RPPS": RPPS_A, "Date": date(2027, 5, 4), "Type": "indisponible"},
        {"Nom": "Roux", "Prénom": "Élise", "Date": date(2027, 6, 1), "Début": "8h", "Fin": "14h", "Type": "disponible"},
    ])
    report = import_file(services, ImportKind.AVAILABILITY, second)
    assert (report.added, report.replaced, report.persons) == (2, 1, 2)
    may = {(e.person_id, e.day): e for e in services.availability.list_month(2027, 5)}
    assert may[(who["MARTIN"], date(2027, 5, 3))].kind is AvailabilityKind.AVAILABLE  # day not in file: kept
    assert may[(who["MARTIN"], date(2027, 5, 4))].kind is AvailabilityKind.UNAVAILABLE  # replaced
    assert may[(who["PETIT"], date(2027, 5, 3))].kind is AvailabilityKind.IF_NEEDED  # other person: kept
    assert [e.person_id for e in services.availability.list_month(2027, 6)] == [who["ROUX"]]


def test_pdsa_round_trip_and_reimport(services, tmp_path):
    path = fill_template(ImportKind.PDSA, tmp_path / "pdsa.xlsx", [
        {"RPPS": RPPS_A, "Nom": "MARTIN", "Début": datetime(2027, 5, 3, 20), "Fin": datetime(2027, 5, 4, 8),
         "Type": "effection", "Secteur": "S3"},
        {"RPPS": RPPS_C, "Début": "08/05/2027 12:00", "Fin": "20:00", "Type": "régulation"},
    ])
    report = import_file(services, ImportKind.PDSA, path)
    assert (report.added, report.persons) == (2, 2)
    assert (report.first_day, report.last_day) == (date(2027, 5, 3), date(2027, 5, 8))
    duties = services.pdsa.list_period(date(2027, 5, 1), date(2027, 5, 31))
    assert [(d.start, d.end, d.kind) for d in duties] == [
        (datetime(2027, 5, 3, 20), datetime(2027, 5, 4, 8), DutyKind.EFFECTION),
        (datetime(2027, 5, 8, 12), datetime(2027, 5, 8, 20), DutyKind.REGULATION)]
    again = import_file(services, ImportKind.PDSA, path)
    assert (again.added, again.kept, again.replaced) == (0, 2, 0)
    assert len(services.pdsa.list_period(date(2027, 5, 1), date(2027, 5, 31))) == 2


def test_rota_round_trip_in_a_draft_roster(services, tmp_path):
    who = ids(services)
    path = fill_template(ImportKind.ROTA, tmp_path / "rota.xlsx", [
        {"Territoire": "NORD", "Date": date(2027, 5, 3), "RPPS": RPPS_A, "Nom": "MARTIN"},
        {"Territoire": "CPTS Sud-Vallée", "Date": date(2027, 5, 15), "RPPS": RPPS_B},
        {"Territoire": "NORD", "Date": date(2027, 5, 9), "RPPS": RPPS_A},  # Sunday: skipped, noted
    ])
    report = import_file(services, ImportKind.ROTA, path)
    assert (report.added, report.territories) == (2, ("NORD", "SUD"))
    assert "ligne 4" in report.summary() and "ligne ignorée" in report.summary()
    stored = services.rosters.assignments(2027, 5)
    assert [(a.person_id, a.day, a.start, a.end, a.territory, a.fixed_by_cpts) for a in stored] == [
        (who["MARTIN"], date(2027, 5, 3), time(8), time(20), "NORD", True),
        (who["BERNARD"], date(2027, 5, 15), time(8), time(12), "SUD", True)]
    assert services.rosters.get(2027, 5).status.value == "draft"
    swap = write_xlsx(tmp_path / "rota2.xlsx", RO, [["NORD", "03/05/2027", RPPS_B, None, "9h", "13h"]])
    report = import_file(services, ImportKind.ROTA, swap)
    assert (report.added, report.replaced) == (1, 1)
    assert {(a.person_id, a.day) for a in services.rosters.assignments(2027, 5)} == {
        (who["BERNARD"], date(2027, 5, 3)), (who["BERNARD"], date(2027, 5, 15))}


def test_lazy_entry_point_in_importers(services, tmp_path):
    path = write_csv(tmp_path / "m.csv", MEMBERS, [["LEROY", "Noé", "effecteur", "installé", RPPS_NEW, 1, "", "SUD"]])
    assert lazy_import_file(services, "membres", path).created == 1


# --------------------------------------------------------------------------- dry run, CSV variants


def test_dry_run_checks_everything_and_writes_nothing(services, tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", MEMBERS, [
        ["LEROY", "Noé", "effecteur", "libéral installé", RPPS_NEW, "1", None, "SUD"],
        ["MARTIN", "Camille", "régulateur", "libéral installé", RPPS_A, "2", None, "NORD"],
    ])
    before = snapshot(services)
    report = import_file(services, ImportKind.MEMBERS, path, dry_run=True)
    assert snapshot(services) == before
    assert (report.created, report.updated, report.dry_run) == (1, 1, True)
    assert "1 personne serait créée, 1 serait mise à jour" in report.summary()
    assert "Rien n'a été enregistré" in report.summary()
    bad = write_xlsx(tmp_path / "bad.xlsx", MEMBERS, [["X", "Y", "effecteur", "libéral installé", "12", None, None,
                                                      None]])
    problem(refused(services, ImportKind.MEMBERS, bad, dry_run=True), 2, "RPPS", "11 chiffres")


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"),
                                                 (",", "utf-8-sig")])
def test_csv_variants(services, tmp_path, delimiter, encoding):
    path = write_csv(tmp_path / "m.csv", MEMBERS,
                     [["LÉGER", "Hélène", "régulateur", "retraité cumul", f"{RPPS_NEW[:4]} {RPPS_NEW[4:]}", "1",
                       "", "Nord"]], delimiter=delimiter, encoding=encoding)
    report = import_file(services, ImportKind.MEMBERS, path)
    assert report.created == 1
    stored = services.persons.by_rpps(RPPS_NEW)
    assert (stored.last_name, stored.first_name, stored.status, stored.territory) == (
        "LÉGER", "Hélène", PersonStatus.RETIRED_CUMUL, "NORD")


# --------------------------------------------------------------------------- refusals


def members_file(tmp_path, rows):
    return write_xlsx(tmp_path / "m.xlsx", MEMBERS, rows)


def person_row(rpps=RPPS_NEW, **changes):
    base = {"Nom": "LEROY", "Prénom": "Noé", "Rôles": "effecteur", "Statut": "libéral installé", "RPPS": rpps,
            "Secteur": "1", "E-mail": None, "Territoire": "SUD"}
    base.update(changes)
    return [base[h] for h in MEMBERS]


@pytest.mark.parametrize("rpps, reason", [("1234", "11 chiffres attendus, 4 trouvés"),
                                          ("1000000099A", "que des chiffres"),
                                          (bad_key(RPPS_NEW), "clé de contrôle")])
def test_wrong_rpps(services, tmp_path, rpps, reason):
    error = refused(services, ImportKind.MEMBERS, members_file(tmp_path, [person_row(rpps)]))
    problem(error, 2, "RPPS", reason)


def test_duplicate_rpps_in_file_names_both_rows(services, tmp_path):
    error = refused(services, ImportKind.MEMBERS, members_file(tmp_path, [
        person_row(), person_row(RPPS_NEW, Nom="LEROY-BIS")]))
    problem(error, 3, "RPPS", "ligne 2 et ligne 3")


def test_rpps_of_another_person_in_database(services, tmp_path):
    error = refused(services, ImportKind.MEMBERS, members_file(tmp_path, [person_row(RPPS_B, Nom="DUBOIS",
                                                                                      Prénom="Paul")]))
    problem(error, 2, "RPPS", "déjà enregistré pour Lou BERNARD")


@pytest.mark.parametrize("column, value, reason", [("Rôles", "infirmier", "rôle « infirmier » inconnu"),
                                                   ("Statut", "interne", "statut « interne » inconnu"),
                                                   ("Secteur", "3", "secteur « 3 » inconnu"),
                                                   ("Nom", None, "case vide"),
                                                   ("Territoire", "OUEST", "territoire « OUEST » inconnu")])
def test_unknown_enumerations_and_empty_required_cells(services, tmp_path, column, value, reason):
    error = refused(services, ImportKind.MEMBERS, members_file(tmp_path, [person_row(**{column: value})]))
    problem(error, 2, column, reason)


def test_unknown_availability_type_impossible_date_end_before_start(services, tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", AV, [
        [RPPS_A, None, None, None, "03/05/2027", "8:00", "12:00", "volontiers"],
        [RPPS_A, None, None, None, "31/02/2027", "8:00", "12:00", "disponible"],
        [RPPS_A, None, None, None, "05/05/2027", "14h", "10h", "disponible"],
    ])
    error = refused(services, ImportKind.AVAILABILITY, path)
    problem(error, 2, "Type", "type « volontiers » inconnu")
    problem(error, 3, "Date", "date impossible")
    problem(error, 4, "Fin", "doit être après le début")
    assert len(error.problems) == 3 and "3 problèmes" in error.message


def test_three_bad_rows_are_all_listed(services, tmp_path):
    error = refused(services, ImportKind.MEMBERS, members_file(tmp_path, [
        person_row(), person_row(bad_key(RPPS_NEW)), person_row(RPPS_C, Nom="MOREAU", Prénom="Jean", Statut="pas sûr"),
        person_row(RPPS_B, Nom="BERNARD", Prénom="Lou"), person_row("", Nom="ZÉRO", Prénom="Rpps"),
    ]))
    assert sorted({p.row for p in error.problems}) == [3, 4, 6]
    assert [p.field for p in error.problems] == ["RPPS", "Statut", "RPPS"]
    assert services.persons.by_rpps(RPPS_NEW) is None  # the good first row was not written either


def test_wrong_file_type_and_not_a_spreadsheet(services, tmp_path):
    doc = tmp_path / "membres.docx"
    doc.write_bytes(b"PK\x03\x04")
    assert "extension « .docx » non prise en charge" in str(refused(services, ImportKind.MEMBERS, doc))
    png = tmp_path / "membres.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert "ce n'est pas un classeur Excel" in str(refused(services, ImportKind.MEMBERS, png))
    good = write_template(ImportKind.MEMBERS, tmp_path / "modele.xlsx").read_bytes()
    broken = tmp_path / "coupe.xlsx"
    broken.write_bytes(good[:200])
    assert "ce n'est pas un classeur Excel" in str(refused(services, ImportKind.MEMBERS, broken))
    empty = write_template(ImportKind.MEMBERS, tmp_path / "vide.xlsx")
    assert "aucune ligne à importer" in str(refused(services, ImportKind.MEMBERS, empty))


def test_missing_columns_are_named(services, tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", ["RPPS", "Nom", "Début"], [[RPPS_A, "MARTIN", "03/05/2027 20:00"]])
    error = refused(services, ImportKind.PDSA, path)
    assert "« Fin », « Type »" in error.message
    assert [(p.row, p.field) for p in error.problems] == [(1, "Fin"), (1, "Type")]


def test_unknown_person_in_availability_pdsa_and_rota(services, tmp_path):
    av = write_xlsx(tmp_path / "d.xlsx", AV, [[None, "inconnu@example.org", None, None, "03/05/2027", None, None,
                                               "disponible"]])
    problem(refused(services, ImportKind.AVAILABILITY, av), 2, "E-mail", "aucune personne enregistrée avec l'e-mail")
    pd = write_xlsx(tmp_path / "p.xlsx", PD, [[RPPS_NEW, None, "03/05/2027 20:00", "04/05/2027 08:00", "effection",
                                               None]])
    problem(refused(services, ImportKind.PDSA, pd), 2, "RPPS", f"aucune personne enregistrée avec le RPPS {RPPS_NEW}")
    ro = write_xlsx(tmp_path / "r.xlsx", RO, [["NORD", "03/05/2027", RPPS_NEW, None, None, None]])
    problem(refused(services, ImportKind.ROTA, ro), 2, "RPPS", "aucune personne enregistrée")


def test_unknown_territory_in_rota(services, tmp_path):
    ro = write_xlsx(tmp_path / "r.xlsx", RO, [["", "03/05/2027", RPPS_A, None, None, None],
                                              ["CPTS Ouest", "04/05/2027", RPPS_A, None, None, None]])
    error = refused(services, ImportKind.ROTA, ro)
    problem(error, 2, "Territoire", "case vide")
    problem(error, 3, "Territoire", "territoire « CPTS Ouest » inconnu (territoires connus : NORD, SUD)")


def test_rota_refused_on_a_published_roster_or_a_clash(services, tmp_path):
    who = ids(services)
    services.rosters.add(2027, 5, Assignment(who["MARTIN"], date(2027, 5, 4), "reg-8-12", Role.REGULATOR,
                                             time(8), time(12)))
    clash = write_xlsx(tmp_path / "r.xlsx", RO, [["NORD", "04/05/2027", RPPS_A, None, None, None]])
    problem(refused(services, ImportKind.ROTA, clash), 2, "RPPS", "déjà au planning le 04/05/2027 de 08:00 à 12:00")
    services.rosters.publish(2027, 5)
    late = write_xlsx(tmp_path / "r2.xlsx", RO, [["SUD", "05/05/2027", RPPS_B, None, None, None]])
    problem(refused(services, ImportKind.ROTA, late), 2, "Date", "est publié")


def test_pdsa_overlap_with_a_stored_duty_of_another_day(services, tmp_path):
    first = write_xlsx(tmp_path / "p1.xlsx", PD, [[RPPS_A, None, "03/05/2027 20:00", "04/05/2027 08:00",
                                                   "effection", None]])
    import_file(services, ImportKind.PDSA, first)
    second = write_xlsx(tmp_path / "p2.xlsx", PD, [[RPPS_A, None, "04/05/2027 06:00", "04/05/2027 10:00",
                                                    "régulation", None]])
    problem(refused(services, ImportKind.PDSA, second), 2, "Début", "chevauche une garde déjà enregistrée")


def test_database_left_intact_at_sql_level(services, tmp_path):
    """Belt and braces: the refused import left no open transaction nor half-written rows."""
    refused(services, ImportKind.MEMBERS, members_file(tmp_path, [person_row(), person_row("12")]))
    with services.engine.connect() as conn:
        assert conn.execute(text("select count(*) from persons where last_name = 'LEROY'")).scalar_one() == 0


def test_bulk_created_persons_are_stored_and_audited_as_the_orm_would(tmp_path) -> None:
    """The members import writes new persons in bulk; the rows and audit entries must be the
    ones `persons.add_many` (the ORM path) writes for the same people."""
    from sas_roster.domain.enums import PersonStatus, Role, Sector
    from sas_roster.domain.person import Contract, Person, TrainingRecord
    from sas_roster.domain.enums import ContractKind
    from sas_roster.domain.rpps import make_rpps
    from sas_roster.persistence.bulk import insert_persons
    from sas_roster.persistence.audit import ACTOR_KEY
    from sas_roster.services import Services
    from tests.persistence.processes import table_hashes

    people = [
        Person("Essai", "Un", frozenset({Role.REGULATOR}), PersonStatus.INSTALLED, sector=Sector.S1,
               rpps=make_rpps("1800000001"), phone="06 00 00 00 01", skills=frozenset({"pédiatrie"}),
               trainings=(TrainingRecord("régulation", date(2026, 1, 5)),)),
        Person("Essai", "Deux", frozenset({Role.OSNP}), PersonStatus.SALARIED, email="deux@exemple.invalid",
               contracts=(Contract(ContractKind.OSNP, date(2026, 1, 1), None, "association", 35.0),)),
    ]
    urls = [f"sqlite:///{tmp_path / name}" for name in ("orm.db", "bulk.db")]
    with Services.open(urls[0]) as sv:
        sv.persons.add_many(people, actor="test")
    with Services.open(urls[1]) as sv, sv.transaction("test") as s:
        s.info[ACTOR_KEY] = "test"
        assert insert_persons(s, [(p, None) for p in people]) == [1, 2]
    orm, bulk = (table_hashes(u) for u in urls)
    audits = []
    for u in urls:
        engine = create_engine(u)
        with engine.connect() as c:
            audits.append(sorted(tuple(r) for r in c.execute(text(
                "SELECT actor, entity, entity_id, action, before, after FROM audit_log"))))
        engine.dispose()
    assert audits[0] == audits[1] and len(audits[0]) == 7  # the same entries (written in another order)
    del orm["audit_log"], bulk["audit_log"]
    assert orm == bulk and orm["persons"][0] == 2
