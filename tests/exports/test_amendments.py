"""End to end through the lifecycle services: an amendment published as version 2, then the
calendars, notices and messages of that version."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

from exports.batches import notice_mails
from exports.bundle import write_month
from exports.ics import person_calendar
from sas_roster.domain.enums import Role
from tests.exports.fixtures import MONTH, YEAR


def _amend(services):  # type: ignore[no-untyped-def]
    v1 = services.documents.version(YEAR, MONTH)
    regs = sorted((a for a in v1.assignments if a.role is Role.REGULATOR and a.template_code == "REG-M"),
                  key=lambda a: (a.day, a.person_id))
    moved = regs[0]
    busy = {a.day for a in v1.assignments if a.person_id == moved.person_id}
    target = next(a.day for a in regs if a.day not in busy and a.day.weekday() < 5)
    removed = next(a for a in regs if a.person_id != moved.person_id and a.day != moved.day)
    services.amendments.move(YEAR, MONTH, moved.uid, target, "REG-M", "échange demandé", actor="coord")
    services.amendments.unassign(YEAR, MONTH, removed.person_id, removed.day, "REG-M", "arrêt maladie", actor="coord")
    services.amendments.publish(YEAR, MONTH, "avenant 1", actor="coord")
    return moved, removed, target


def test_version_two_updates_calendars_and_tells_only_the_people_concerned(published, tmp_path: Path) -> None:
    moved, removed, target = _amend(published)
    doc = published.documents.month(YEAR, MONTH)
    assert doc.version.number == 2 and doc.version.reason == "avenant 1"
    owner = doc.persons[moved.person_id]
    events = {str(e["UID"]): e for e in Calendar.from_ical(person_calendar(doc, owner)).walk("VEVENT")}
    assert events[moved.uid]["SEQUENCE"] == 1 and events[moved.uid].decoded("DTSTART").date() == target
    untouched = [a for a in doc.of_person(owner.id) if a.uid != moved.uid]
    assert all(events[a.uid]["SEQUENCE"] == 0 for a in untouched)
    loser = doc.persons[removed.person_id]
    events = {str(e["UID"]): e for e in Calendar.from_ical(person_calendar(doc, loser)).walk("VEVENT")}
    assert events[removed.uid]["STATUS"] == "CANCELLED" and events[removed.uid]["SEQUENCE"] == 1

    notice = published.documents.notice(YEAR, MONTH)
    assert notice.previous.number == 1
    assert {p.id for p in notice.people()} == {moved.person_id, removed.person_id}
    mails = notice_mails(notice)
    methods = {(m.person_id, m.kind) for m in mails}
    assert (removed.person_id, "cancellation") in methods and (moved.person_id, "invitation") in methods
    assert {m.person_id for m in mails} == {moved.person_id, removed.person_id}

    result = write_month(doc, tmp_path, kinds=["notices"], notice=notice)
    assert len(result.files) == 2
    text = "\n".join(PdfReader(f).pages[0].extract_text() for f in result.files)
    assert "avenant 1" in text and "Créneaux retirés" in text and "Créneaux déplacés" in text

    # The first version is still there to print as it was.
    v1 = published.documents.month(YEAR, MONTH, 1)
    assert any(a.uid == removed.uid for a in v1.version.assignments)
