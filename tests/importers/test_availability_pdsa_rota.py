"""Availability, PDSA and CPTS rota parsers: people found, spans checked, faults named."""

import dataclasses
from datetime import date, datetime, time

from sas_roster.domain.enums import AvailabilityKind, DutyKind, Role
from sas_roster.importers import ONCALL_TEMPLATE, ImportKind, parse_file

from sas_roster.domain.demand import RotaSource, Territory
from sas_roster.domain.person import RemoteAuthorisation
from sas_roster.importers.directory import Directory

from .helpers import (RPPS_A, RPPS_B, RPPS_C, RPPS_NEW, bad_key, directory, people, problem_at,
                      territories, write_xlsx)

AV = ["RPPS", "E-mail", "Nom", "Prénom", "Date", "Début", "Fin", "Type"]
PD = ["RPPS", "Nom", "Début", "Fin", "Type", "Secteur"]
RO = ["Territoire", "Date", "RPPS", "Nom", "Début", "Fin"]


def parse(tmp_path, kind, headers, rows):
    return parse_file(kind, write_xlsx(tmp_path / f"{kind.value}.xlsx", headers, rows), directory())


# --------------------------------------------------------------------------- availability

def test_availability_people_by_rpps_email_or_name(tmp_path):
    result = parse(tmp_path, ImportKind.AVAILABILITY, AV, [
        [RPPS_A, None, "MARTIN", "Camille", date(2027, 5, 3), time(8), time(12), "disponible"],
        [None, "Sacha.Petit@example.org", None, None, "03/05/2027", "8h", "14h", "souhaité"],
        [None, None, "roux", "ELISE", "2027-05-04", None, None, "indisponible"],
    ])
    assert result.problems == []
    a, b, c = result.items
    assert (a.person_id, a.day, a.range.start, a.range.end, a.kind) == (
        1, date(2027, 5, 3), time(8), time(12), AvailabilityKind.AVAILABLE)
    assert (b.person_id, b.kind) == (3, AvailabilityKind.PREFERRED)
    assert (c.person_id, c.range.start, c.range.end) == (4, time(0), time(23, 59))  # whole day


def test_availability_a_distance_for_remote_authorised_regulators_only(tmp_path):
    remote = dataclasses.replace(people()[0], remote=RemoteAuthorisation(date(2027, 5, 4), "cabinet"))
    path = write_xlsx(tmp_path / "av.xlsx", AV + ["À distance"], [
        [RPPS_A, None, None, None, "04/05/2027", "8:00", "12:00", "disponible", "oui"],
        [RPPS_A, None, None, None, "05/05/2027", "8:00", "12:00", "souhaité", None],
        [RPPS_A, None, None, None, "03/05/2027", "8:00", "12:00", "disponible", "oui"],  # before
        [RPPS_A, None, None, None, "06/05/2027", "8:00", "12:00", "disponible", "peut-être"],
    ])
    result = parse_file(ImportKind.AVAILABILITY, path, Directory([remote] + people()[1:], territories()))
    assert [(e.day.day, e.remote) for e in result.items] == [(4, True), (5, False)]
    assert problem_at(result.problems, 4, "À distance").message == (
        "Camille MARTIN n'est pas autorisé(e) à réguler à distance le 03/05/2027")
    assert "« oui » ou « non » attendu" in problem_at(result.problems, 5, "À distance").message


def test_availability_faults(tmp_path):
    result = parse(tmp_path, ImportKind.AVAILABILITY, AV, [
        [RPPS_NEW, None, None, None, "03/05/2027", "8:00", "12:00", "disponible"],  # unknown RPPS
        [None, None, "INCONNU", "Zoé", "03/05/2027", "8:00", "12:00", "disponible"],  # unknown name
        [RPPS_A, None, None, None, "31/02/2027", "8:00", "12:00", "disponible"],  # impossible date
        [RPPS_A, None, None, None, "04/05/2027", "12:00", "8:00", "disponible"],  # end before start
        [RPPS_A, None, None, None, "05/05/2027", "8:00", "12:00", "peut-être"],  # unknown type
        [RPPS_A, None, None, None, "06/05/2027", "8:00", None, "disponible"],  # missing end
        [RPPS_A, None, "DUPONT", None, "07/05/2027", "8:00", "12:00", "disponible"],  # name does not match
        [RPPS_A, None, None, None, "08/05/2027", "8:00", "12:00", "disponible"],
        [RPPS_A, None, None, None, "08/05/2027", "11:00", "14:00", "si besoin"],  # overlaps row 9
        [RPPS_A, None, None, None, None, "8:00", "12:00", "disponible"],  # empty date
    ])
    assert "aucune personne enregistrée avec le RPPS" in problem_at(result.problems, 2, "RPPS").message
    assert "aucune personne enregistrée au nom de Zoé INCONNU" in problem_at(result.problems, 3, "Nom").message
    assert "date impossible : « 31/02/2027 »" in problem_at(result.problems, 4, "Date").message
    assert "la fin (08:00) doit être après le début (12:00)" in problem_at(result.problems, 5, "Fin").message
    assert "type « peut-être » inconnu" in problem_at(result.problems, 6, "Type").message
    assert "case vide" in problem_at(result.problems, 7, "Fin").message
    assert "correspond à MARTIN, pas à « DUPONT »" in problem_at(result.problems, 8, "Nom").message
    assert "ligne 9 et ligne 10" in problem_at(result.problems, 10, "Début").message
    assert "case vide" in problem_at(result.problems, 11, "Date").message
    assert [line.row for line in result.lines] == [9]


# --------------------------------------------------------------------------- PDSA

def test_pdsa_duties(tmp_path):
    result = parse(tmp_path, ImportKind.PDSA, PD, [
        [RPPS_A, "Martin", datetime(2027, 5, 3, 20), datetime(2027, 5, 4, 8), "effection", "Secteur 3"],
        [int(RPPS_B), None, "08/05/2027 12:00", "20h", "Régulation", None],  # hour-only end, same day
        [RPPS_C, None, "09/05/2027 20h", "8:00", "effection", None],  # hour-only end, next morning
    ])
    assert result.problems == []
    a, b, c = result.items
    assert (a.person_id, a.start, a.end, a.kind, a.sector) == (
        1, datetime(2027, 5, 3, 20), datetime(2027, 5, 4, 8), DutyKind.EFFECTION, "Secteur 3")
    assert (b.person_id, b.end, b.kind, b.sector) == (2, datetime(2027, 5, 8, 20), DutyKind.REGULATION, None)
    assert c.end == datetime(2027, 5, 10, 8) and c.minutes == 12 * 60


def test_pdsa_faults(tmp_path):
    result = parse(tmp_path, ImportKind.PDSA, PD, [
        [bad_key(RPPS_A), None, "03/05/2027 20:00", "04/05/2027 08:00", "effection", None],
        [RPPS_NEW, None, "03/05/2027 20:00", "04/05/2027 08:00", "effection", None],
        [RPPS_A, None, "04/05/2027 20:00", "04/05/2027 08:00", "effection", None],
        [RPPS_A, None, "05/05/2027", "06/05/2027 08:00", "effection", None],
        [RPPS_A, None, "06/05/2027 20:00", "16/05/2027 08:00", "effection", None],
        [RPPS_A, None, "07/05/2027 20:00", "08/05/2027 08:00", "visite", None],
        [RPPS_B, None, "07/05/2027 20:00", "08/05/2027 08:00", "effection", None],
        [RPPS_B, None, "08/05/2027 06:00", "08/05/2027 10:00", "régulation", None],
    ])
    assert "clé de contrôle" in problem_at(result.problems, 2, "RPPS").message
    assert "importez d'abord les membres" in problem_at(result.problems, 3, "RPPS").message
    assert "doit être après le début" in problem_at(result.problems, 4, "Fin").message
    assert "l'heure manque" in problem_at(result.problems, 5, "Début").message
    assert "plus de 24 h" in problem_at(result.problems, 6, "Fin").message
    assert "type « visite » inconnu" in problem_at(result.problems, 7, "Type").message
    assert "ligne 8 et ligne 9" in problem_at(result.problems, 9, "Début").message
    assert [line.row for line in result.lines] == [8]


# --------------------------------------------------------------------------- CPTS rota

def test_rota_assignments_are_fixed_and_take_the_opening_hours(tmp_path):
    result = parse(tmp_path, ImportKind.ROTA, RO, [
        ["NORD", "03/05/2027", RPPS_A, "MARTIN", None, None],  # Monday: 8-20
        ["cpts du nord", "15/05/2027", RPPS_A, None, None, None],  # Saturday: 8-12
        ["SUD", "04/05/2027", RPPS_B, None, "9h", "13h"],
        ["NORD", "09/05/2027", RPPS_A, None, None, None],  # Sunday: skipped with a note
        ["NORD", "08/05/2027", RPPS_A, None, "8h", "12h"],  # Saturday, but 8 May: skipped with a note
    ])
    assert result.problems == []
    a, b, c = result.items
    assert (a.person_id, a.day, a.start, a.end, a.territory) == (1, date(2027, 5, 3), time(8), time(20), "NORD")
    assert a.fixed_by_cpts and a.role is Role.EFFECTOR and a.template_code == ONCALL_TEMPLATE
    assert (b.start, b.end, b.territory) == (time(8), time(12), "NORD")
    assert (c.start, c.end, c.territory) == (time(9), time(13), "SUD")
    assert [(n.row, n.field) for n in result.notes] == [(5, "Date"), (6, "Date")]
    assert result.notes[0].message == "09/05/2027 hors continuité des soins (dimanche) : ligne ignorée"
    assert "jour férié : Fête de la Victoire" in result.notes[1].message


def test_rota_of_a_territory_the_association_rosters_is_refused_naming_the_row(tmp_path):
    own = Territory("OUEST", "Secteur Ouest", rota_source=RotaSource.ASSOCIATION, id=3)
    with_own = Directory(people(), territories() + [own])
    path = write_xlsx(tmp_path / "rota.xlsx", RO, [
        ["NORD", "03/05/2027", RPPS_A, None, None, None],
        ["OUEST", "04/05/2027", RPPS_A, None, None, None],
    ])
    result = parse_file(ImportKind.ROTA, path, with_own)
    assert problem_at(result.problems, 3, "Territoire").message == (
        "le territoire OUEST (Secteur Ouest) est planifié par l'association : "
        "sa CPTS n'envoie pas de tour d'astreinte")
    assert [line.row for line in result.lines] == [2]


def test_rota_faults(tmp_path):
    result = parse(tmp_path, ImportKind.ROTA, RO, [
        ["EST", "03/05/2027", RPPS_A, None, None, None],
        ["NORD", "03/05/2027", RPPS_NEW, None, None, None],
        ["NORD", "03/05/2027", RPPS_C, None, None, None],  # a regulator, not an effector
        ["NORD", "30/02/2027", RPPS_A, None, None, None],
        ["NORD", "04/05/2027", RPPS_A, None, None, None],
        ["SUD", "04/05/2027", RPPS_A, None, None, None],  # same person, same hours, other territory
        ["", "05/05/2027", RPPS_A, None, None, None],
    ])
    assert "territoire « EST » inconnu" in problem_at(result.problems, 2, "Territoire").message
    assert "aucune personne enregistrée" in problem_at(result.problems, 3, "RPPS").message
    assert "n'a pas le rôle effecteur" in problem_at(result.problems, 4, "RPPS").message
    assert "date impossible" in problem_at(result.problems, 5, "Date").message
    assert "ligne 6 et ligne 7" in problem_at(result.problems, 7, "RPPS").message
    assert "case vide" in problem_at(result.problems, 8, "Territoire").message
    assert [line.row for line in result.lines] == [6]
