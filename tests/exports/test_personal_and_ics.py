"""Personal schedules and calendars, read back: PDF text and pages, ICS parsed; after an
amendment, unchanged shifts keep UID and SEQUENCE, a moved one keeps its UID with a higher
SEQUENCE, a removed one comes back CANCELLED with its UID."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

from exports.bundle import write_month
from exports.ics import itip_message, person_calendar
from exports.personal_pdf import write_combined, write_personal
from sas_roster.services.documents import Letterhead
from tests.exports.fixtures import MONTH, SENDER, YEAR, amended


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_personal_schedule_lists_the_persons_shifts_in_long_french_dates(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    person = max(doc.people(), key=lambda p: len(doc.of_person(p.id)))
    shifts = doc.of_person(person.id)
    pages, text = _text(write_personal(doc, person, tmp_path / "p.pdf"))
    assert pages == 1
    assert f"Dr {person.display_name}" in text or person.display_name in text
    hours = sum(a.minutes for a in shifts) // 60
    assert f"{len(shifts)} créneaux, {hours}\u202fh" in text  # Babel-style narrow no-break space, embedded font
    for a in shifts:
        assert f"{['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'][a.day.weekday()]} {a.day.day} mai" in text
    assert "Contacts de la plateforme" in text and "01 00 00 00 00" in text
    assert "page 1/1" in text


def test_english_personal_schedule(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    person = doc.people()[0]
    _pages, text = _text(write_personal(doc, person, tmp_path / "p.pdf", lang="en"))
    assert "Personal schedule — May 2027" in text and "Platform contacts" in text
    a = doc.of_person(person.id)[0]
    assert a.day.strftime("%A") in text


def test_combined_file_is_ordered_by_name_with_each_person_on_new_sheets(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    people = doc.people()
    assert [p.last_name.casefold() for p in people] == sorted(p.last_name.casefold() for p in people)
    reader = PdfReader(write_combined(doc, people, tmp_path / "all.pdf"))
    assert len(reader.pages) == 2 * len(people)  # one page each, plus a blank back for duplex printing
    firsts = [reader.pages[2 * i].extract_text() for i in range(len(people))]
    for p, text in zip(people, firsts, strict=True):
        assert p.display_name in text
    assert reader.pages[1].extract_text().strip() == ""


def test_calendar_uses_the_shift_uid_a_utc_stamp_and_the_paris_timezone(published) -> None:
    doc = published.documents.month(YEAR, MONTH)
    person = doc.people()[0]
    cal = Calendar.from_ical(person_calendar(doc, person))
    assert cal["METHOD"] == "PUBLISH"
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Paris" and len(tz.walk("DAYLIGHT")) == 1
    events = cal.walk("VEVENT")
    assert {str(e["UID"]) for e in events} == {a.uid for a in doc.of_person(person.id)}
    for e in events:
        assert e["SEQUENCE"] == 0 and e["STATUS"] == "CONFIRMED"
        assert e.decoded("DTSTAMP").tzinfo is not None and e.decoded("DTSTAMP").utcoffset() == timedelta(0)
        start = e.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Paris" and start.utcoffset() == timedelta(hours=2)  # May: summer time
    # Exporting again gives the same identifiers (no duplicates in agendas).
    again = Calendar.from_ical(person_calendar(doc, person))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_overseas_calendars_carry_their_own_zone(published) -> None:
    doc = published.documents.month(YEAR, MONTH)
    doc = replace(doc, letterhead=replace(doc.letterhead, timezone="Indian/Reunion"))
    person = doc.people()[0]
    cal = Calendar.from_ical(person_calendar(doc, person))
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Indian/Reunion" and not tz.walk("DAYLIGHT")
    start = cal.walk("VEVENT")[0].decoded("DTSTART")
    assert start.utcoffset() == timedelta(hours=4)


def test_after_an_amendment_uids_and_sequences_follow_each_shift(published) -> None:
    doc1 = published.documents.month(YEAR, MONTH)
    doc2, s = amended(doc1)
    by_uid = {}
    for pid in {a.person_id for a in (s["moved"], s["removed"], s["unchanged"], s["added"])}:
        cal = Calendar.from_ical(person_calendar(doc2, doc2.persons[pid]))
        by_uid.update({str(e["UID"]): e for e in cal.walk("VEVENT")})
    unchanged = by_uid[s["unchanged"].uid]
    assert unchanged["SEQUENCE"] == 0 and unchanged["STATUS"] == "CONFIRMED"
    moved = by_uid[s["moved"].uid]
    assert moved["SEQUENCE"] == 1 and moved.decoded("DTSTART").hour == 9 and moved["STATUS"] == "CONFIRMED"
    removed = by_uid[s["removed"].uid]
    assert removed["SEQUENCE"] == 1 and removed["STATUS"] == "CANCELLED"
    added = by_uid[s["added"].uid]
    assert added["SEQUENCE"] == 0
    # The iTIP messages: REQUEST for the moved shift, CANCEL for the removed one.
    method, raw = itip_message(doc2, doc2.shifts[s["moved"].uid], doc2.persons[s["moved"].person_id])
    cal = Calendar.from_ical(raw)
    assert method == "REQUEST" and cal["METHOD"] == "REQUEST" and len(cal.walk("VEVENT")) == 1
    [event] = cal.walk("VEVENT")
    assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
    assert str(event["ATTENDEE"]) == f"mailto:{doc2.persons[s['moved'].person_id].email}"
    method, raw = itip_message(doc2, doc2.shifts[s["removed"].uid], doc2.persons[s["removed"].person_id])
    [event] = Calendar.from_ical(raw).walk("VEVENT")
    assert method == "CANCEL" and event["STATUS"] == "CANCELLED" and str(event["UID"]) == s["removed"].uid


def test_export_all_writes_every_file_and_reports_progress(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    sheet = published.documents.addressing(YEAR, MONTH)
    seen = []
    result = write_month(doc, tmp_path, lang="fr", addressing=sheet, progress=lambda d, t, _w: seen.append((d, t)))
    n = len(doc.people())
    assert len(result.by_suffix(".ics")) == n
    assert len(result.by_suffix(".pdf")) == 1 + n + 1 + 1  # planning, personal, combined, addressing
    assert len(result.by_suffix(".xlsx")) == 1
    assert seen[-1] == (len(result.files), len(result.files))
    assert (tmp_path / "planning-2027-05-v1.pdf").exists()


def test_export_in_worker_processes_gives_the_same_files(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    result = write_month(doc, tmp_path, kinds=["personal", "ics"], workers=2)
    files = sorted(f.name for f in result.files)
    assert len(result.by_suffix(".ics")) == len(doc.people())
    one = sorted(f for f in result.files if f.suffix == ".pdf" and "tous" not in f.name)[0]
    assert PdfReader(one).pages[0].extract_text()
    assert len(files) == len(set(files))


def test_letterhead_defaults(published) -> None:
    head = published.documents.letterhead()
    assert isinstance(head, Letterhead) and head.timezone == "Europe/Paris" and head.sender == SENDER
    assert published.documents.version(YEAR, MONTH).published_at == published.documents.version(YEAR, MONTH).published_at.astimezone(UTC)
