"""services.setup: a whole setup in one transaction, the settings file (export, template,
import all or nothing with sheet/row/column errors), and what kind of database is open."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sas_roster.demo.loader import load_demo
from sas_roster.domain.demand import DemandOverride, RotaSource, Territory
from sas_roster.domain.enums import HolidayZone, RateKind, Role, TerritoryKind
from sas_roster.domain.errors import DomainError, ValidationError
from sas_roster.domain.rates import DatedRate
from sas_roster.domain.settings import BridgeDay
from sas_roster.domain.setup import AssociationSetup, default_setup
from sas_roster.services.setup import DatabaseKind, SetupService
from tests.persistence import samples


def sample_setup() -> AssociationSetup:
    settings = dataclasses.replace(samples.settings(), default_retiree_quota_hours=150)
    territories = samples.territories() + [
        Territory("SOS", "SOS Médecins du Val", 1, RotaSource.CPTS, TerritoryKind.EMERGENCY_DOCTORS),
        Territory("S3", "Secteur de garde 3", 0, RotaSource.ASSOCIATION, TerritoryKind.PDSA_SECTOR)]
    return AssociationSetup(settings, territories, samples.templates(), [samples.curve(), samples.curve(Role.OSNP, 1)],
                            [samples.override()], default_setup().rates, default_setup().tiers)


def without_ids(items):
    return [dataclasses.replace(x, id=None) for x in items]


def same(a: AssociationSetup, b: AssociationSetup) -> None:
    assert dataclasses.replace(a.settings, id=None, is_demo=False) == dataclasses.replace(b.settings, id=None,
                                                                                          is_demo=False)
    assert sorted(without_ids(a.territories), key=lambda t: t.code) == sorted(without_ids(b.territories),
                                                                              key=lambda t: t.code)
    assert sorted(without_ids(a.templates), key=lambda t: (t.role, t.code)) == \
        sorted(without_ids(b.templates), key=lambda t: (t.role, t.code))
    assert sorted(a.curves, key=lambda c: c.role) == sorted(b.curves, key=lambda c: c.role)
    assert without_ids(a.overrides) == without_ids(b.overrides)
    assert sorted(without_ids(a.rates), key=lambda r: (r.kind, r.valid_from)) == \
        sorted(without_ids(b.rates), key=lambda r: (r.kind, r.valid_from))
    assert sorted(a.tiers, key=lambda t: (t.valid_from, t.min_acts)) == sorted(b.tiers, key=lambda t: (t.valid_from, t.min_acts))


def test_database_kind_from_first_start_to_association(services):
    assert services.setup.database_kind() is DatabaseKind.EMPTY
    report = services.setup.apply(sample_setup(), actor="coordinatrice", dry_run=True)
    assert report.dry_run and report.territories == 4
    assert services.setup.database_kind() is DatabaseKind.EMPTY  # a dry run writes nothing
    report = services.setup.apply(sample_setup(), actor="coordinatrice")
    assert report.created and "Association créée" in report.summary()
    assert services.setup.database_kind() is DatabaseKind.ASSOCIATION and not services.setup.is_demo()
    same(services.setup.current(), sample_setup())
    assert any(e.actor == "coordinatrice" for e in services.audit.entries(entity="association_settings"))


def test_people_without_settings_are_not_an_empty_database(services):
    services.settings.save_territories(samples.territories())
    assert services.setup.database_kind() is DatabaseKind.ASSOCIATION


def test_the_demo_is_flagged_and_refuses_to_overwrite_an_association(services):
    load_demo(services, date(2026, 11, 23))
    assert services.setup.database_kind() is DatabaseKind.DEMO
    assert services.settings.get().is_demo
    services.reset_database()
    services.setup.apply(sample_setup())
    before = len(services.audit.entries(limit=10_000))
    with pytest.raises(DomainError, match="contient une association « Association SAS Libéral du Val-Imaginaire »"):
        load_demo(services, date(2026, 11, 23), force=False)
    assert services.settings.get().name == samples.settings().name
    assert len(services.audit.entries(limit=10_000)) == before
    load_demo(services, date(2026, 11, 23), force=True)
    assert services.setup.is_demo()


def test_apply_replaces_templates_curves_and_periods_keeps_rates_history(services):
    services.setup.apply(sample_setup())
    p = services.persons.add(samples.full_person())  # an effector of CPTS-NORD
    smaller = sample_setup()
    smaller.templates = smaller.templates[:2]
    smaller.curves = [smaller.curves[0]]
    smaller.overrides = []
    smaller.territories = [t for t in smaller.territories if t.code not in ("CPTS-NORD", "S3")]
    smaller.rates = [DatedRate(RateKind.REGULATION_HOURLY, Decimal("95.00"), date(2028, 1, 1), "avenant futur")]
    report = services.setup.apply(smaller)
    assert not report.created
    assert [t.code for t in services.settings.shift_templates()] == [t.code for t in smaller.templates]
    assert list(services.settings.demand_curves()) == [Role.REGULATOR]
    assert services.settings.demand_overrides() == []
    codes = [t.code for t in services.settings.territories()]
    assert "CPTS-NORD" in codes and "S3" not in codes  # used by a person: kept, and said
    assert any("CPTS-NORD" in n and "conservé" in n for n in report.notes)
    assert any("S3" in n and "supprimé" in n for n in report.notes)
    assert len(services.settings.rates()) == len(default_setup().rates) + 1
    assert services.persons.get(p.id).territory == "CPTS-NORD"


def test_apply_refuses_everything_wrong_at_once(services):
    bad = sample_setup()
    bad.settings = dataclasses.replace(bad.settings, name=" ", remote_min_on_site_share=2)
    bad.templates.append(dataclasses.replace(bad.templates[0]))
    bad.territories.append(Territory("T" * 41, "x" * 201))
    bad.overrides.append(DemandOverride("à l'envers", date(2027, 3, 1), date(2027, 2, 1), samples.curve()))
    with pytest.raises(ValidationError) as caught:
        services.setup.apply(bad)
    text = str(caught.value)
    for expected in ("nom de l'association manquant", "part minimale sur site", "en double",
                     "texte trop long : 41 caractères pour 40 au plus", "201 caractères", "précède"):
        assert expected in text
    assert services.setup.database_kind() is DatabaseKind.EMPTY


# --------------------------------------------------------------------------- the file


def test_settings_file_round_trip(services, tmp_path):
    services.setup.apply(sample_setup())
    path = services.setup.export_file(tmp_path / "parametres.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Association", "Horaires", "Territoires", "Créneaux", "Besoins", "Ponts", "Taux",
                               "Indicateur 9", "Aide"]
    association = {r[0]: r[1] for r in book["Association"].iter_rows(min_row=2, values_only=True)}
    assert association["Zone des jours fériés"] == "Alsace-Moselle" and association["Département"] == "57"
    assert association["Quota annuel par défaut des retraités (h)"] == 150
    assert association["Disponibilités"] == "indisponibilités (opt-out)"
    terr = [r for r in book["Territoires"].iter_rows(min_row=2, values_only=True)]
    assert ("SOS", "SOS Médecins du Val", "association de médecins d'urgence", 1, "transmis par le territoire") in terr

    other = SetupService(services._sessions)
    services.reset_database()
    report = other.import_file(path, actor="coordinatrice")
    assert report.created
    same(services.setup.current(), sample_setup())


def test_template_proposes_bridge_days_unticked_and_imports_with_a_name(services, tmp_path):
    path = SetupService.write_template(tmp_path / "modele.xlsx", 2027)
    book = load_workbook(path)
    bridges = list(book["Ponts"].iter_rows(min_row=2, values_only=True))
    assert [(r[0].date(), r[3]) for r in bridges][:2] == [(date(2027, 5, 7), "non"), (date(2027, 11, 12), "non")]
    # the coordinator names the association, ticks one bridge, and imports
    sheet = book["Association"]
    sheet["B2"] = "Association SAS de l'Étang"
    sheet["B3"] = "974"
    sheet["B4"] = None
    sheet["B5"] = None
    book["Ponts"]["D2"] = "oui"
    book.save(path)
    services.setup.import_file(path)
    s = services.settings.get()
    assert (s.name, s.department, s.zone, s.time_zone) == ("Association SAS de l'Étang", "974", HolidayZone.REUNION,
                                                           "Indian/Reunion")
    assert s.bridge_days == (BridgeDay(date(2027, 5, 7), None, "pont de l'Ascension"),)
    assert {t.code for t in services.settings.shift_templates()} >= {"REG-M", "OSNP-M", "AST"}


def _problems_of(services, path):
    with pytest.raises(ValidationError) as caught:
        services.setup.import_file(path)
    return caught.value


def test_import_lists_every_fault_with_sheet_row_and_column_and_writes_nothing(services, tmp_path):
    services.setup.apply(sample_setup())
    path = services.setup.export_file(tmp_path / "p.xlsx")
    book = load_workbook(path)
    book["Association"]["B4"] = "Guadeloupe"  # département 57 is Alsace-Moselle
    book["Horaires"]["A3"] = "chirurgien"
    book["Créneaux"]["E2"] = "7:00"  # ends before its 8:00 start
    book["Créneaux"]["F3"] = "lun-xyz"
    book["Besoins"]["F2"] = "-1"
    book["Ponts"]["A2"] = "31/02/2027"
    book["Territoires"].append(["CPTS-NORD", "encore", "CPTS", 1, "association"])
    book.save(path)
    error = _problems_of(services, path)
    where = {(p.sheet, p.row, p.field) for p in error.problems}
    assert where == {
        ("Association", 4, "Zone des jours fériés"), ("Horaires", 3, "Rôle"), ("Créneaux", 2, "Fin"),
        ("Créneaux", 3, "Jours"), ("Besoins", 2, "lun"), ("Ponts", 2, "Date"), ("Territoires", 6, "Code"),
    }
    text = str(error)
    assert "rien n'a été enregistré" in text and "feuille « Créneaux », ligne 2, colonne « Fin »" in text
    assert "rôle « chirurgien » inconnu" in text and "date impossible" in text
    same(services.setup.current(), sample_setup())  # nothing changed


def test_usual_spellings_of_enumerated_values(services, tmp_path):
    services.setup.apply(sample_setup())
    path = services.setup.export_file(tmp_path / "p.xlsx")
    book = load_workbook(path)
    sheet = book["Association"]
    for row in sheet.iter_rows(min_row=2):
        name = row[0].value
        row[1].value = {"Disponibilités": "OPT-IN", "Relais continuité → PDSA": "Interdit",
                        "Repos après une garde PDSA de nuit": "Oui", "Zone des jours fériés": "alsace moselle",
                        "Département": "57"}.get(name, row[1].value)
    book["Territoires"]["C2"] = "Secteur de PDSA"
    book["Territoires"]["E2"] = "CPTS"
    book["Créneaux"]["A2"] = "Régulatrice"
    book["Créneaux"]["F2"] = "Lundi à Samedi"
    book.save(path)
    services.setup.import_file(path)
    s = services.settings.get()
    assert (s.availability_policy.value, s.handover_policy.value, s.rest_after_pdsa_night) == ("opt_in", "forbid", True)
    nord = next(t for t in services.settings.territories() if t.code == "CPTS-NORD")
    assert (nord.kind, nord.rota_source) == (TerritoryKind.PDSA_SECTOR, RotaSource.CPTS)
    first = next(t for t in services.settings.shift_templates() if t.code == "R-M")
    assert first.weekdays == frozenset(range(6))


def test_not_a_settings_file(services, tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_text("a;b\n")
    assert "classeur Excel (.xlsx) de plusieurs feuilles" in str(_problems_of_file(services, csv))
    members = tmp_path / "membres.xlsx"
    from sas_roster.importers import write_template

    write_template("members", members)
    assert "feuille(s) absente(s) : « Association »" in str(_problems_of_file(services, members))


def _problems_of_file(services, path):
    with pytest.raises(ValidationError) as caught:
        services.setup.import_file(path)
    return caught.value


def test_export_needs_an_association(services, tmp_path):
    with pytest.raises(DomainError, match="rien à exporter"):
        services.setup.export_file(tmp_path / "p.xlsx")


def test_a_zero_byte_file_is_never_filled_with_the_demo_at_start(tmp_path):
    from sas_roster.demo.loader import ensure_demo
    from sas_roster.services import Services

    from sas_roster.domain.errors import DomainError

    lost = tmp_path / "perdue.db"
    lost.write_bytes(b"")
    with pytest.raises(DomainError, match="vide \\(0 octet\\)"):  # refused before anything is written
        Services.open(f"sqlite:///{lost}")
    assert lost.stat().st_size == 0
    with Services.open(f"sqlite:///{tmp_path / 'neuve.db'}") as s:  # a file that does not exist yet
        assert not s.opened_zero_byte_file
        assert ensure_demo(s, date(2026, 11, 23)) is not None and s.setup.is_demo()


def test_the_window_s_own_saves_check_text_lengths_too(services):
    from sas_roster.domain.demand import ShiftTemplate

    with pytest.raises(ValidationError, match="201 caractères pour 200 au plus"):
        services.settings.save(dataclasses.replace(samples.settings(), name="A" * 201))
    with pytest.raises(ValidationError, match="41 caractères pour 40 au plus"):
        services.settings.save_territories([Territory("T" * 41, "CPTS")])
    with pytest.raises(ValidationError, match="41 caractères pour 40 au plus"):
        services.settings.save_shift_templates([ShiftTemplate(Role.REGULATOR, "R" * 41, "x", time(8), time(12))])
    bad = sample_setup()
    bad.settings = dataclasses.replace(bad.settings, name="A" * 201)
    with pytest.raises(ValidationError) as caught:
        services.setup.apply(bad)
    assert [p.field for p in caught.value.problems] == ["nom"]  # said once
