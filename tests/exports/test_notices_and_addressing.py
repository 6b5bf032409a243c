"""Change notices and the daily addressing sheet, read back from their PDFs; the charter's
order and the published-only rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.addressing_pdf import write_addressing
from exports.notices_pdf import write_notice
from sas_roster.domain.addressing import AddressingLevel, LevelKind
from sas_roster.domain.enums import Role
from sas_roster.domain.errors import NotFoundError, ValidationError
from sas_roster.domain.versions import compare
from sas_roster.services.documents import NoticeDocument
from tests.exports.fixtures import MONTH, YEAR, amended


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_a_notice_lists_only_the_persons_own_changes(published, tmp_path: Path) -> None:
    doc1 = published.documents.month(YEAR, MONTH)
    doc2, s = amended(doc1)
    notice = NoticeDocument(doc2, doc1.version, compare(YEAR, MONTH, 1, doc1.version.assignments, 2, doc2.version.assignments))
    assert {p.id for p in notice.people()} == {s[k].person_id for k in ("moved", "removed", "added")}
    person = doc2.persons[s["moved"].person_id]
    _pages, text = _text(write_notice(notice, person, tmp_path / "n.pdf"))
    assert "Avis de modification du planning" in text and "arrêt maladie" in text
    assert "Créneaux déplacés" in text and "9h–13h" in text
    others = [a for a in doc2.version.assignments if a.person_id != person.id]
    assert not any(doc2.persons[a.person_id].display_name in text for a in others
                   if doc2.persons[a.person_id].last_name != person.last_name)
    loser = doc2.persons[s["removed"].person_id]
    _pages, text = _text(write_notice(notice, loser, tmp_path / "l.pdf", lang="en"))
    assert "Shifts removed" in text and "Roster change notice" in text


def test_charter_order_is_kept_and_bad_levels_are_refused_whole(published) -> None:
    territory = published.settings.territories()[0].code
    levels = [AddressingLevel(territory, 0, LevelKind.ONCALL), AddressingLevel(territory, 0, LevelKind.SOS, phone="3624"),
              AddressingLevel(territory, 0, LevelKind.HEALTH_CENTRE, "MSP des Tilleuls", "01 11 11 11 11", "8h–19h")]
    saved = published.addressing.save_charter(territory, levels, actor="test")
    assert [(lv.rank, lv.kind) for lv in saved] == [(1, LevelKind.ONCALL), (2, LevelKind.SOS), (3, LevelKind.HEALTH_CENTRE)]
    with pytest.raises(ValidationError) as err:
        published.addressing.save_charter(territory, [AddressingLevel(territory, 0, LevelKind.OTHER),
                                                      AddressingLevel(territory, 0, LevelKind.ONCALL),
                                                      AddressingLevel(territory, 0, LevelKind.ONCALL)], actor="test")
    assert "libellé" in str(err.value.problems[0].field) and "rien n'a été enregistré" in str(err.value)
    assert [lv.kind for lv in published.addressing.charter(territory)] == [LevelKind.ONCALL, LevelKind.SOS,
                                                                          LevelKind.HEALTH_CENTRE]
    with pytest.raises(NotFoundError):
        published.addressing.save_charter("NOWHERE", levels)


def test_addressing_sheet_lists_published_oncall_effectors_in_charter_order(published, tmp_path: Path) -> None:
    territory = published.settings.territories()[0]
    published.addressing.save_charter(territory.code, [
        AddressingLevel(territory.code, 0, LevelKind.HEALTH_CENTRE, "MSP des Tilleuls", "01 11 11 11 11"),
        AddressingLevel(territory.code, 0, LevelKind.ONCALL),
        AddressingLevel(territory.code, 0, LevelKind.SOS, phone="3624")], actor="test")
    sheet = published.documents.addressing(YEAR, MONTH)
    doc = published.documents.month(YEAR, MONTH)
    day = next(d for d in sheet.days if any(e.oncall for t in d.territories for e in t.entries
                                               if t.territory.code == territory.code))
    block = next(t for t in day.territories if t.territory.code == territory.code)
    assert [e.level.kind for e in block.entries] == [LevelKind.HEALTH_CENTRE, LevelKind.ONCALL, LevelKind.SOS]
    expected = {a.person_id for a in doc.version.assignments
                if a.role is Role.EFFECTOR and a.day == day.day and a.territory == territory.code}
    assert {o.person.id for o in block.entries[1].oncall} == expected
    # Every on-call person listed is an effector of the published version that day.
    for d in sheet.days:
        for t in d.territories:
            for e in t.entries:
                for o in e.oncall:
                    assert o.assignment in doc.version.assignments and o.assignment.day == d.day
    pages, text = _text(write_addressing(sheet, tmp_path / "a.pdf"))
    assert pages >= len(sheet.days)
    page = PdfReader(tmp_path / "a.pdf").pages[sheet.days.index(day)].extract_text()
    first = page.index("MSP des Tilleuls")
    oncall = page.index("Effecteur d'astreinte", first)
    assert first < oncall < page.index("SOS Médecins", oncall)
    for o in block.entries[1].oncall:
        assert o.person.display_name in page and (o.person.phone or "") in page


def test_no_addressing_sheet_from_a_draft(published) -> None:
    with pytest.raises(NotFoundError, match="pas publié"):
        published.documents.addressing(YEAR, 6)
