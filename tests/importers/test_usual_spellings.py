"""Imports accept the usual spellings of every enumerated value (accents, case, short forms)."""

import pytest

from sas_roster.domain.enums import AvailabilityKind, DutyKind, PersonStatus, Role, Sector
from sas_roster.importers.history import read_minutes, read_month
from sas_roster.importers.parsing import read_availability_kind, read_duty_kind, read_roles, read_sector, read_status
from sas_roster.importers.values import CellError


@pytest.mark.parametrize("typed, status", [
    ("retraité", PersonStatus.RETIRED_CUMUL), ("Retraitée", PersonStatus.RETIRED_CUMUL),
    ("RETRAITE CUMUL", PersonStatus.RETIRED_CUMUL), ("cumul emploi-retraite", PersonStatus.RETIRED_CUMUL),
    ("retraité autorisé", PersonStatus.RETIRED_AUTHORISED), ("Retraitée totale", PersonStatus.RETIRED_AUTHORISED),
    ("remplaçant", PersonStatus.LOCUM), ("Remplaçante", PersonStatus.LOCUM), ("REMPLACANT", PersonStatus.LOCUM),
    ("libéral installé", PersonStatus.INSTALLED), ("Installée", PersonStatus.INSTALLED),
    ("salarié", PersonStatus.SALARIED), ("Salariée", PersonStatus.SALARIED),
])
def test_statuses(typed, status):
    assert read_status(typed) is status


@pytest.mark.parametrize("typed, sector", [
    ("secteur 1", Sector.S1), ("Secteur 1", Sector.S1), ("S1", Sector.S1), (1, Sector.S1), ("1.0", None),
    ("secteur 2", Sector.S2), ("OPTAM", Sector.OPTAM), ("Optam-CO", Sector.OPTAM), ("secteur 2 OPTAM", Sector.OPTAM),
])
def test_sectors(typed, sector):
    if sector is None:
        with pytest.raises(CellError, match="secteur"):
            read_sector(typed)
    else:
        assert read_sector(typed) is sector


def test_roles_kinds_and_duties():
    assert read_roles("Régulatrice + Effectrice") == {Role.REGULATOR, Role.EFFECTOR}
    assert read_roles("opérateur SNP") == {Role.OSNP}
    assert read_availability_kind("Indispo") is AvailabilityKind.UNAVAILABLE
    assert read_availability_kind("SOUHAITÉ") is AvailabilityKind.PREFERRED
    assert read_duty_kind("garde") is DutyKind.EFFECTION


def test_history_months_and_hours():
    assert read_month("01/2027") == read_month("2027-01") == read_month("janvier 2027") == (2027, 1)
    assert read_month("Févr. 2027") == read_month("février 2027") == (2027, 2)
    assert read_month("août 2027") == (2027, 8)
    assert read_minutes("12,5") == read_minutes("12h30") == read_minutes("12:30") == 750
    for bad in ("13/2027", "2027", "printemps 2027"):
        with pytest.raises(CellError, match="mois"):
            read_month(bad)
    with pytest.raises(CellError):
        read_minutes("-3")
