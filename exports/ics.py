"""Calendar files that really update agendas.

- The UID of an event is the shift's stored identifier (never regenerated), SEQUENCE counts
  its material changes (start, end, cancellation) across the published versions, DTSTAMP is
  UTC, and every calendar carries its VTIMEZONE (Europe/Paris, or the overseas zone):
  without it Outlook shifts events by an hour.
- Per person, a `.ics` file (METHOD:PUBLISH) for manual import: her shifts of the version,
  and those cancelled since, marked STATUS:CANCELLED.
- Re-importing a file does not update Google Calendar (a known UID is skipped) and Outlook
  updates an event only from an invitation, so changes also go as iTIP messages: one event
  per message, METHOD:REQUEST (new or changed) or METHOD:CANCEL (removed), the association's
  sending address as ORGANIZER and the doctor as ATTENDEE.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from sas_roster.domain.enums import Role
from sas_roster.domain.person import Person
from sas_roster.domain.documents import MonthDocument, ShiftState

from .text import Texts

PRODID = "-//sas-roster//Planning SAS//FR"


class Method(StrEnum):
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def summary(state: ShiftState, doc: MonthDocument, t: Texts) -> str:
    a = state.assignment
    what = t.role(a.role)
    if a.role is Role.EFFECTOR and a.territory:
        name = next((x.name for x in doc.territories if x.code == a.territory), a.territory)
        what = f"{what} — {name}"
    return f"SAS · {what} {t.hours(a.start, a.end)}"


def _location(state: ShiftState, doc: MonthDocument, t: Texts) -> str:
    a = state.assignment
    if a.role is Role.EFFECTOR:
        return next((x.name for x in doc.territories if x.code == a.territory), a.territory or "")
    if a.role is Role.REGULATOR and a.presence.value == "remote":
        return t("remote")
    return " ".join(doc.letterhead.contact.address.split()) or doc.letterhead.name


def _event(state: ShiftState, doc: MonthDocument, person: Person, t: Texts, stamp: datetime,
           method: Method) -> Event:
    a = state.assignment
    tz = ZoneInfo(doc.letterhead.timezone)
    e = Event()
    e.add("uid", state.uid)
    e.add("sequence", state.sequence)
    e.add("dtstamp", stamp.astimezone(UTC))
    e.add("dtstart", datetime.combine(a.day, a.start, tz))
    e.add("dtend", datetime.combine(a.day, a.end, tz))
    e.add("summary", summary(state, doc, t))
    e.add("location", _location(state, doc, t))
    version = t("version", n=doc.version.number) if doc.version.number else t("draft")
    lines = [f"{doc.letterhead.name} — {t('planning').lower() if t.lang == 'fr' else t('planning')} "
             f"{t.month_title(doc.year, doc.month)}, {version}"]
    if doc.letterhead.contact.phone:
        lines.append(doc.letterhead.contact.phone)
    e.add("description", "\n".join(lines))
    cancelled = state.cancelled or method is Method.CANCEL
    e.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    e.add("transp", "OPAQUE")
    e.add("categories", ["SAS"])
    if doc.letterhead.sender:
        organizer = vCalAddress(f"mailto:{doc.letterhead.sender}")
        organizer.params["cn"] = vText(doc.letterhead.sender_name or doc.letterhead.name)
        e.add("organizer", organizer)
    if method is not Method.PUBLISH and person.email:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.display_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        e.add("attendee", attendee)
    return e


def _offset(td: timedelta | None) -> timedelta:
    return td or timedelta(0)


@lru_cache(maxsize=8)
def vtimezone(name: str) -> Timezone:
    """A compact VTIMEZONE: the EU summer-time rule (last Sunday of March and of October)
    for a zone that changes, one STANDARD block for the overseas zones that never do."""
    zone = ZoneInfo(name)
    winter = _offset(datetime(2027, 1, 15, tzinfo=zone).utcoffset())
    summer = _offset(datetime(2027, 7, 15, tzinfo=zone).utcoffset())
    tz = Timezone()
    tz.add("tzid", name)
    std = TimezoneStandard()
    std.add("tzname", datetime(2027, 1, 15, tzinfo=zone).tzname())
    std.add("tzoffsetfrom", summer)
    std.add("tzoffsetto", winter)
    if winter == summer:
        std.add("dtstart", datetime(1970, 1, 1))
        tz.add_component(std)
        return tz
    std.add("dtstart", datetime(1996, 10, 27, 3))
    std.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    day = TimezoneDaylight()
    day.add("tzname", datetime(2027, 7, 15, tzinfo=zone).tzname())
    day.add("tzoffsetfrom", winter)
    day.add("tzoffsetto", summer)
    day.add("dtstart", datetime(1981, 3, 29, 2))
    day.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    tz.add_component(std)
    tz.add_component(day)
    return tz


@lru_cache(maxsize=8)
def _vtimezone_bytes(name: str) -> bytes:
    return bytes(vtimezone(name).to_ical())


def _with_timezone(cal: Calendar, tz: str) -> bytes:
    """The calendar's text with its VTIMEZONE before the events (serialised once per zone:
    it is most of the work of a small calendar)."""
    text = bytes(cal.to_ical())
    at = text.find(b"BEGIN:VEVENT")
    if at < 0:
        at = text.rfind(b"END:VCALENDAR")
    return text[:at] + _vtimezone_bytes(tz) + text[at:]


def _calendar(method: Method, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method.value)
    cal.add("x-wr-calname", name)
    return cal


def person_calendar(doc: MonthDocument, person: Person, lang: str = "fr", stamp: datetime | None = None) -> bytes:
    """The person's `.ics` for the month (METHOD:PUBLISH): shifts of the version shown, and
    those cancelled since they were published, STATUS:CANCELLED."""
    t = Texts(lang)
    stamp = stamp or datetime.now(UTC)
    cal = _calendar(Method.PUBLISH, f"SAS — {person.display_name}")
    for state in doc.calendar_of(person.id or 0):
        cal.add_component(_event(state, doc, person, t, stamp, Method.PUBLISH))
    return _with_timezone(cal, doc.letterhead.timezone)


def itip_message(doc: MonthDocument, state: ShiftState, person: Person, lang: str = "fr",
                 stamp: datetime | None = None) -> tuple[Method, bytes]:
    """One invitation (REQUEST) or cancellation (CANCEL) for one shift of `person`."""
    t = Texts(lang)
    method = Method.CANCEL if state.cancelled else Method.REQUEST
    cal = _calendar(method, f"SAS — {person.display_name}")
    cal.add_component(_event(state, doc, person, t, stamp or datetime.now(UTC), method))
    return method, _with_timezone(cal, doc.letterhead.timezone)
