"""reset_database empties every table but the audit log and the accounts (the demo loader
starts from there)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from sas_roster.domain.enums import Role
from sas_roster.domain.activity import ActivityRecord
from sas_roster.domain.quotas import WorkedHours
from sas_roster.domain.rates import default_indicator9_tiers, default_rates
from sas_roster.domain.budget import BudgetLine, FundingSource
from sas_roster.domain.claims import StatementKind
from sas_roster.services.claims import import_snp_rows
from sas_roster.persistence.base import Base
from sas_roster.services.facade import KEPT_ON_RESET
from tests.persistence import samples

GOVERNANCE_TABLES = {
    "audit_log", "users", "user_roles", "members", "member_dues", "bodies", "body_colleges", "body_seats",
    "meetings", "meeting_attendees", "meeting_decisions", "documents", "document_versions", "complaints",
    "data_protection_settings",
}


def test_reset_empties_every_table_but_keeps_the_audit_log(services) -> None:
    services.settings.save(samples.settings())
    services.settings.save_territories(samples.territories())
    services.settings.save_shift_templates(samples.templates())
    services.settings.save_demand_curve(samples.curve())
    services.settings.save_demand_overrides([samples.override()])
    services.settings.save_rates(default_rates())
    services.settings.save_indicator9_tiers(default_indicator9_tiers())
    p = services.persons.add(samples.full_person()).id
    services.persons.add(samples.osnp())
    services.availability.set_month(p, 2027, 5, samples.availability(p))
    services.pdsa.add_many(samples.duties(p))
    services.rosters.replace_draft(2027, 5, [samples.assignment(p, 3)])
    services.rosters.publish(2027, 5)
    services.history.save_entered([WorkedHours(p, Role.REGULATOR, 2027, 3, 600)])
    services.attendance.open_month(2027, 5)
    services.attendance.all_present(2027, 5, date(2027, 5, 3))
    services.attendance.confirm(2027, 5, actor="Trésorière")
    services.claims.issue(services.claims.regulation(2027, 5), actor="Trésorière")
    services.claims.add_indemnity(p, StatementKind.TRAINING, date(2027, 5, 4), 60, actor="Trésorière")
    import_snp_rows(services.claims, [{"rpps": samples.full_person().rpps, "mois": "2027-05", "actes": 3,
                                       "majorations": 1, "indicateur 8": "oui"}])
    services.budget.set(BudgetLine(2027, FundingSource.FIR, Decimal("1000.00")), actor="Trésorière")
    a = services.rosters.version(2027, 5).assignments[0]
    services.amendments.pin(2027, 5, a.uid, True, "gardé quoi qu'il arrive", actor="test")
    services.activity.save([ActivityRecord(date(2027, 5, 1), date(2027, 5, 31), calls_received=12)])
    _fill_outreach(services, p)
    filled = {t.name for t in Base.metadata.sorted_tables} - GOVERNANCE_TABLES
    with services._sessions() as s:
        empty_before = [n for n in filled if not s.scalar(select(func.count()).select_from(Base.metadata.tables[n]))]
        audit_before = s.scalar(select(func.count()).select_from(Base.metadata.tables["audit_log"]))
    assert empty_before == []  # the test really filled every table (but the governance ones)

    services.reset_database(actor="démo")

    with services._sessions() as s:
        counts = {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    # The audit log is append-only: it keeps its history and records one bulk entry per table.
    bulk = [e for e in services.audit.entries(limit=None) if e.action == "bulk_delete"]
    assert counts.pop("audit_log") == audit_before + len(bulk)
    assert {e.entity for e in bulk} == {t.name for t in Base.metadata.sorted_tables} - KEPT_ON_RESET
    assert {e.actor for e in bulk} == {"démo"}
    assert set(counts.values()) == {0}
    assert services.verify_audit().ok
    # The database is usable again right away.
    assert services.persons.add(samples.regulator(1)).id is not None


def _fill_outreach(services, person_id: int) -> None:
    """The charte d'adressage, the mail settings and the mail log (exports)."""
    from datetime import UTC, datetime

    from sas_roster.domain.addressing import default_charter
    from sas_roster.domain.mailing import MailRecord, SmtpSecurity, SmtpSettings

    code = services.settings.territories()[0].code
    services.addressing.save_charter(code, default_charter(code))
    services.mailing.save_smtp(SmtpSettings("smtp.example.invalid", 587, SmtpSecurity.STARTTLS, "", "a@b.invalid"))
    services.mailing.record_sent([MailRecord("k", person_id, 2027, 5, "schedule", datetime.now(UTC))])
