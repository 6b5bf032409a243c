"""The documents' read model: versions, uncovered slots, calendar history; the mail settings
and log (no password anywhere in the database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import inspect

from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.errors import NotFoundError, ValidationError
from sas_roster.domain.mailing import AssociationContact, MailRecord, SmtpSecurity, SmtpSettings
from sas_roster.domain.roster import Assignment
from sas_roster.domain.versions import RosterVersion
from sas_roster.services.documents import shift_history
from tests.exports.fixtures import MONTH, YEAR, published, published_file  # noqa: F401


def _a(uid: str, day: int, start: int, end: int, person: int = 1) -> Assignment:
    return Assignment(person, date(2027, 5, day), "REG", Role.REGULATOR, time(start), time(end), Presence.ON_SITE, uid=uid)


def _v(n: int, *shifts: Assignment) -> RosterVersion:
    return RosterVersion(2027, 5, n, datetime(2027, 4, 20 + n, tzinfo=UTC), "coord", "" if n == 1 else "avenant", shifts)


def test_shift_history_raises_sequence_on_material_changes_only() -> None:
    v1 = _v(1, _a("a", 3, 8, 12), _a("b", 4, 8, 12), _a("c", 5, 8, 12))
    v2 = _v(2, _a("a", 3, 8, 12), _a("b", 4, 9, 12), replace(_a("c", 5, 8, 12), presence=Presence.REMOTE))
    v3 = _v(3, _a("a", 3, 8, 12), _a("b", 6, 9, 12))
    v4 = _v(4, _a("a", 3, 8, 12), _a("b", 6, 9, 12))
    states = shift_history([v3, v1, v4, v2])  # order given does not matter
    assert states["a"].sequence == 0 and not states["a"].cancelled
    assert states["b"].sequence == 2 and states["b"].assignment.day == date(2027, 5, 6)  # start moved, then the day
    assert states["c"].sequence == 1 and states["c"].cancelled  # presence is no calendar change; removal is
    assert states["c"].assignment.presence is Presence.REMOTE  # as last published


def test_documents_show_the_published_snapshot_not_the_draft(published) -> None:
    versions = published.documents.versions(YEAR, MONTH)
    assert [v.number for v in versions] == [1]
    v = versions[0]
    assert v.published_at == datetime(2027, 4, 20, 14, 5, tzinfo=UTC)
    assert all(a.uid for a in v.assignments) and len({a.uid for a in v.assignments}) == len(v.assignments)
    assert published.documents.version(YEAR, MONTH).assignments == v.assignments
    with pytest.raises(NotFoundError, match="pas de version 3"):
        published.documents.version(YEAR, MONTH, 3)
    with pytest.raises(NotFoundError, match="pas publié"):
        published.documents.month(YEAR, 6)
    draft = published.documents.month(YEAR, 6, draft=True)
    assert draft.version.number == 0 and not draft.published


def test_uncovered_slots_match_demand_minus_shifts(published) -> None:
    doc = published.documents.month(YEAR, MONTH)
    from sas_roster.domain.calendar import month_calendar
    from sas_roster.planning import hourly_demand

    required = hourly_demand(published, month_calendar(published.settings.get(), YEAR, MONTH))
    missing_hours = 0
    for (role, day, hour), need in required.items():
        have = sum(1 for a in doc.version.assignments if a.role is role and a.day == day
                   and a.start.hour <= hour < a.end.hour + (a.end.minute > 0))
        missing_hours += max(0, need - have)
    assert sum(g.missing * (g.end.hour - g.start.hour) for g in doc.uncovered) == missing_hours


def test_mail_settings_keep_no_password_and_refuse_bad_values(published) -> None:
    published.mailing.save_smtp(SmtpSettings("smtp.example.invalid", 465, SmtpSecurity.SSL, "coord", "a@b.invalid", "SAS"))
    assert published.mailing.smtp().security is SmtpSecurity.SSL
    columns = {c["name"] for c in inspect(published.engine).get_columns("mail_settings")}
    assert not any("pass" in c for c in columns)
    with pytest.raises(ValidationError) as err:
        published.mailing.save_smtp(SmtpSettings("h", 70000, SmtpSecurity.NONE, "", "pas-une-adresse"))
    assert {p.field for p in err.value.problems} == {"port", "expéditeur"}
    assert published.mailing.smtp().port == 465  # nothing written
    published.mailing.save_contact(AssociationContact("1 rue X\n00000 Ville", "01", "c@d.invalid"))
    assert published.mailing.contact().address == "1 rue X\n00000 Ville"


def test_mail_log_records_each_key_once(published) -> None:
    pid = published.persons.list()[0].id
    now = datetime.now(UTC)
    published.mailing.record_sent([MailRecord("k1", pid, YEAR, MONTH, "schedule", now)])
    published.mailing.record_sent([MailRecord("k1", pid, YEAR, MONTH, "schedule", now),
                                   MailRecord("k2", pid, YEAR, MONTH, "invitation", now)])
    assert published.mailing.sent_keys(YEAR, MONTH) == {"k1", "k2"}
    assert [r.key for r in published.mailing.log(YEAR, MONTH)] == ["k1", "k2"]
    assert published.mailing.sent_keys(YEAR, 6) == set()
