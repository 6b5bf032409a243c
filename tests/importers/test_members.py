"""Members parser: new people, updates matched by RPPS / e-mail / name, and each fault named."""

from datetime import date

from sas_roster.domain.enums import ContractKind, PersonStatus, Role, Sector
from sas_roster.importers import CREATED, UNCHANGED, UPDATED, ImportKind, parse_file

from .helpers import RPPS_A, RPPS_B, RPPS_NEW, bad_key, directory, problem_at, write_csv, write_xlsx

BASE = ["Nom", "Prénom", "Rôles", "Statut", "RPPS"]


def parse(tmp_path, headers, rows, name="m.xlsx"):
    return parse_file(ImportKind.MEMBERS, write_xlsx(tmp_path / name, headers, rows), directory())


def test_new_doctor_with_every_field(tmp_path):
    headers = BASE + ["Secteur", "Téléphone", "E-mail", "Territoire", "Régulation à distance autorisée le",
                      "Lieu de régulation à distance", "Compétences", "Engagement mensuel (gardes)",
                      "Engagement mensuel (heures)", "Quota annuel (h)", "Quota mensuel (h)", "Éligible jusqu'au",
                      "Consentement contact", "Actif depuis", "Actif jusqu'au"]
    row = ["LEROY", "Noé", "régulateur", "retraité autorisé", f"{RPPS_NEW[:5]} {RPPS_NEW[5:]}", "OPTAM",
           "06 00 00 00 01", "noe.leroy@example.org", "cpts du nord", "01/09/2026", "cabinet", "Pédiatrie; senior",
           4, 16, 200, 30, "31/12/2028", "non", "2027-01-01", None]
    result = parse(tmp_path, headers, [row])
    assert result.problems == []
    change = result.items[0]
    assert change.action == CREATED
    p = change.person
    assert (p.last_name, p.rpps, p.sector, p.territory) == ("LEROY", RPPS_NEW, Sector.OPTAM, "NORD")
    assert p.roles == {Role.REGULATOR} and p.status is PersonStatus.RETIRED_AUTHORISED
    assert p.remote.granted_on == date(2026, 9, 1) and p.remote.place == "cabinet"
    assert p.skills == {"pédiatrie", "senior"}
    assert (p.monthly_max_shifts, p.monthly_max_hours) == (4, 16)
    assert (p.quota.yearly_hours, p.quota.monthly_hours, p.quota.eligible_until) == (200, 30, date(2028, 12, 31))
    assert p.consent_contact is False and p.active_from == date(2027, 1, 1)


def test_osnp_contract(tmp_path):
    headers = ["Nom", "Prénom", "Rôles", "Statut", "E-mail", "Contrat début", "Contrat fin", "Employeur",
               "Heures hebdomadaires"]
    result = parse(tmp_path, headers, [["NEUF", "Ana", "OSNP", "salarié", "ana@example.org", "01/02/2027", "",
                                        "GESA 40", "17,5"]])
    assert result.problems == []
    contract = result.items[0].person.contracts[0]
    assert (contract.kind, contract.start, contract.end, contract.employer, contract.weekly_hours) == (
        ContractKind.OSNP, date(2027, 2, 1), None, "GESA 40", 17.5)


def test_update_matched_by_rpps_keeps_columns_the_file_lacks(tmp_path):
    result = parse(tmp_path, BASE + ["Téléphone"],
                   [["Martin", "Camille", "régulateur", "libéral installé", RPPS_A, "0600000002"],
                    ["BERNARD", "Lou", "effecteur", "libéral installé", RPPS_B, None]])
    assert result.problems == []
    updated, unchanged = result.items
    assert updated.action == UPDATED and updated.person.id == 1
    assert updated.person.roles == {Role.REGULATOR} and updated.person.phone == "0600000002"
    assert updated.person.email == "camille.martin@example.org"  # no E-mail column: kept
    assert updated.person.territory == "NORD"
    assert unchanged.action == UNCHANGED and unchanged.person.id == 2


def test_operators_matched_by_email_then_by_name(tmp_path):
    result = parse(tmp_path, ["Nom", "Prénom", "Rôles", "Statut", "E-mail"],
                   [["PETIT", "Sacha", "OSNP", "salarié", "sacha.petit@example.org"],
                    ["Roux", "Elise", "OSNP", "salariée", None]])
    assert result.problems == []
    assert [c.person.id for c in result.items] == [3, 4]
    assert result.items[1].person.first_name == "Elise"


def test_three_bad_rows_are_all_listed(tmp_path):
    result = parse(tmp_path, BASE, [
        ["A", "Un", "régulateur", "libéral installé", bad_key(RPPS_NEW)],
        ["B", "Deux", "chirurgien", "libéral installé", None],
        ["C", "Trois", "effecteur", "en vacances", "123 456"],
        ["D", "Quatre", "OSNP", "salarié", None],
    ])
    assert "clé de contrôle" in problem_at(result.problems, 2, "RPPS").message
    assert "rôle « chirurgien » inconnu" in problem_at(result.problems, 3, "Rôles").message
    assert "statut « en vacances » inconnu" in problem_at(result.problems, 4, "Statut").message
    assert "11 chiffres attendus, 6 trouvés" in problem_at(result.problems, 4, "RPPS").message
    assert {p.row for p in result.problems} == {2, 3, 4}
    assert [line.row for line in result.lines] == [5]


def test_duplicate_rpps_in_file_names_both_rows(tmp_path):
    result = parse(tmp_path, BASE, [["A", "Un", "régulateur", "libéral installé", RPPS_NEW],
                                    ["B", "Deux", "régulateur", "libéral installé", "x"],
                                    ["A", "Un", "effecteur", "libéral installé", RPPS_NEW]])
    message = problem_at(result.problems, 4, "RPPS").message
    assert "en double" in message and "ligne 2 et ligne 4" in message


def test_rpps_of_someone_else_in_the_database(tmp_path):
    result = parse(tmp_path, BASE, [["DUBOIS", "Paul", "régulateur", "libéral installé", RPPS_A]])
    message = problem_at(result.problems, 2, "RPPS").message
    assert "déjà enregistré pour Camille MARTIN" in message and result.lines == []


def test_required_cells_doctor_without_rpps_and_inconsistent_fields(tmp_path):
    headers = BASE + ["Quota annuel (h)", "Contrat début", "Contrat fin", "Actif depuis", "Actif jusqu'au",
                      "Lieu de régulation à distance", "Consentement contact"]
    result = parse(tmp_path, headers, [
        ["", "Un", "régulateur", "libéral installé", RPPS_NEW, None, None, None, None, None, None, None],
        ["B", "Deux", "effecteur", "libéral installé", None, 100, None, None, None, None, None, "bof"],
        ["C", "Trois", "OSNP", "salarié", None, None, "01/03/2027", "01/02/2027", "31/02/2027", None, "cabinet",
         None],
        ["D", "Quatre", "OSNP", "salarié", None, None, None, None, "01/03/2027", "01/02/2027", None, None],
    ])
    assert "case vide" in problem_at(result.problems, 2, "Nom").message
    assert "RPPS obligatoire pour un médecin" in problem_at(result.problems, 3, "RPPS").message
    assert "réservés aux retraités" in problem_at(result.problems, 3, "Quota annuel (h)").message
    assert "« oui » ou « non »" in problem_at(result.problems, 3, "Consentement contact").message
    assert "précède son début" in problem_at(result.problems, 4, "Contrat fin").message
    assert "date impossible" in problem_at(result.problems, 4, "Actif depuis").message
    assert "sans date d'autorisation" in problem_at(result.problems, 4, "Régulation à distance autorisée le").message
    assert "précède son début" in problem_at(result.problems, 5, "Actif jusqu'au").message
    assert result.lines == []


def test_unknown_territory(tmp_path):
    result = parse(tmp_path, BASE + ["Territoire"],
                   [["A", "Un", "effecteur", "libéral installé", RPPS_NEW, "CPTS de l'Est"]])
    message = problem_at(result.problems, 2, "Territoire").message
    assert "territoire « CPTS de l'Est » inconnu (territoires connus : NORD, SUD)" == message


def test_csv_members_with_sector_as_number(tmp_path):
    path = write_csv(tmp_path / "m.csv", BASE + ["Secteur"],
                     [["A", "Un", "régulateur", "libéral installé", RPPS_NEW, "2"]], delimiter=",",
                     encoding="utf-8-sig")
    result = parse_file(ImportKind.MEMBERS, path, directory())
    assert result.problems == [] and result.items[0].person.sector is Sector.S2


def test_contract_amended_in_place_not_duplicated(tmp_path):
    from sas_roster.domain.person import Contract
    from sas_roster.importers import Directory

    from .helpers import people, territories

    stored = people()
    stored[2].contracts = (Contract(ContractKind.OSNP, date(2026, 1, 1), date(2026, 12, 31), "GESA", 35.0),
                           Contract(ContractKind.OSNP, date(2027, 1, 1), None, "GESA", 35.0))
    headers = ["Nom", "Prénom", "Rôles", "Statut", "E-mail", "Contrat début", "Contrat fin", "Employeur",
               "Heures hebdomadaires"]
    row = ["PETIT", "Sacha", "OSNP", "salarié", "sacha.petit@example.org", "01/01/2027", "30/06/2027", "GESA", 35]
    path = write_xlsx(tmp_path / "m.xlsx", headers, [row])
    change = parse_file(ImportKind.MEMBERS, path, Directory(stored, territories())).items[0]
    assert change.action == UPDATED
    assert [(c.start, c.end) for c in change.person.contracts] == [
        (date(2026, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2027, 6, 30))]
    row[6] = None  # the same contract as stored: nothing to do
    path = write_xlsx(tmp_path / "m2.xlsx", headers, [row])
    assert parse_file(ImportKind.MEMBERS, path, Directory(stored, territories())).items[0].action == UNCHANGED
