"""Cell readers: what people type in spreadsheets, and the French reasons when it is wrong."""

from datetime import date, datetime, time

import pytest

from sas_roster.domain.enums import AvailabilityKind, DutyKind, PersonStatus, Role, Sector
from sas_roster.importers.parsing import (
    read_availability_kind, read_duty_kind, read_roles, read_sector, read_status,
)
from sas_roster.importers.values import (
    CellError, read_count, read_date, read_datetime, read_email, read_hours, read_phone, read_rpps,
    read_time, read_yes_no,
)

from .helpers import RPPS_A, bad_key


@pytest.mark.parametrize("raw", ["03/05/2027", "3/5/2027", "03-05-2027", "03.05.2027", "03/05/27",
                                 "2027-05-03", "2027-05-03 00:00:00", datetime(2027, 5, 3, 0, 0),
                                 date(2027, 5, 3), 46510, 46510.0])
def test_dates_as_people_type_them(raw):
    assert read_date(raw) == date(2027, 5, 3)


@pytest.mark.parametrize("raw, reason", [("31/02/2027", "date impossible"), ("2027-13-01", "date impossible"),
                                         ("demain", "n'est pas une date"), (12, "n'est pas une date")])
def test_impossible_or_unreadable_dates(raw, reason):
    with pytest.raises(CellError, match=reason):
        read_date(raw)


@pytest.mark.parametrize("raw, expected", [("8:00", time(8)), ("8h", time(8)), ("08h30", time(8, 30)),
                                           ("8 h 30", time(8, 30)), ("8H", time(8)), ("14:30:00", time(14, 30)),
                                           ("midi", time(12)), (time(9, 15), time(9, 15)), (0.5, time(12)),
                                           (8, time(8)), (datetime(1899, 12, 30, 16, 0), time(16))])
def test_times_as_people_type_them(raw, expected):
    assert read_time(raw) == expected


def test_midnight_as_an_end_of_day():
    assert read_time("24:00", allow_24=True) == time(23, 59)
    with pytest.raises(CellError, match="heure impossible"):
        read_time("24:00")
    with pytest.raises(CellError, match="n'est pas une heure"):
        read_time("huit heures")
    with pytest.raises(CellError, match="heure impossible"):
        read_time("8:75")


@pytest.mark.parametrize("raw", ["03/05/2027 20:00", "03/05/2027 20h", "2027-05-03T20:00", "03/05/2027 à 20h00",
                                 datetime(2027, 5, 3, 20, 0)])
def test_date_times(raw):
    assert read_datetime(raw) == datetime(2027, 5, 3, 20, 0)


def test_date_time_without_hour_is_refused():
    with pytest.raises(CellError, match="l'heure manque"):
        read_datetime(date(2027, 5, 3))
    with pytest.raises(CellError, match="manque"):
        read_datetime("03/05/2027")


def test_numbers_and_yes_no():
    assert read_count("12") == 12 and read_count(12.0) == 12
    assert read_hours("17,5") == 17.5
    with pytest.raises(CellError, match="entier"):
        read_count("2,5")
    with pytest.raises(CellError, match="positif"):
        read_count("-3")
    with pytest.raises(CellError, match="n'est pas un nombre"):
        read_count("beaucoup")
    assert read_yes_no("OUI") is True and read_yes_no("Non") is False
    with pytest.raises(CellError, match="« oui » ou « non »"):
        read_yes_no("peut-être")


def test_rpps_with_spaces_and_as_excel_numbers():
    spaced = f"{RPPS_A[:3]} {RPPS_A[3:7]} {RPPS_A[7:]}"
    assert read_rpps(spaced) == RPPS_A
    assert read_rpps(int(RPPS_A)) == RPPS_A
    assert read_rpps(float(RPPS_A)) == RPPS_A
    with pytest.raises(CellError, match="clé de contrôle"):
        read_rpps(bad_key(RPPS_A))
    with pytest.raises(CellError, match="11 chiffres attendus, 10 trouvés"):
        read_rpps(RPPS_A[:10])
    with pytest.raises(CellError, match="que des chiffres"):
        read_rpps("1000A000001")


def test_contact_fields():
    assert read_email(" Camille.Martin@Example.org ") == "camille.martin@example.org"
    with pytest.raises(CellError, match="e-mail"):
        read_email("camille.martin")
    assert read_phone(612345678) == "0612345678"  # the 0 Excel dropped from a number cell


def test_enumerations_ignore_accents_and_case():
    assert read_roles("Régulateur ; EFFECTEUR") == {Role.REGULATOR, Role.EFFECTOR}
    assert read_roles("regulateur, osnp") == {Role.REGULATOR, Role.OSNP}
    assert read_status("Retraité Cumul") is PersonStatus.RETIRED_CUMUL
    assert read_status("remplacante") is PersonStatus.LOCUM
    assert read_sector(1) is Sector.S1 and read_sector("Secteur 2") is Sector.S2
    assert read_sector("optam") is Sector.OPTAM
    assert read_availability_kind("Si Besoin") is AvailabilityKind.IF_NEEDED
    assert read_availability_kind("souhaitée") is AvailabilityKind.PREFERRED
    assert read_duty_kind("Régulation") is DutyKind.REGULATION
    with pytest.raises(CellError, match="rôle « chirurgien » inconnu : valeurs possibles : régulateur"):
        read_roles("chirurgien")
    # "retraité" alone is the usual cumul emploi-retraite (issue 10: it used to be refused).
    assert read_status("retraité") is PersonStatus.RETIRED_CUMUL
    with pytest.raises(CellError, match="statut « interne » inconnu"):
        read_status("interne")
