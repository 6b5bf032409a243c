"""Use cases: the only code that writes. One transaction per call; every change is audited
(automatically, at flush) and checked against the signed-in account's rights.

Build once, at the composition root (``main.py``, the CLI, a test)::

    from sas_roster.services import Services
    services = Services.open(url)        # url None → --db / $SAS_ROSTER_DB_URL / user data file;
                                         # migrates to head first (SQLite backed up before)
    services = Services(engine)          # on an engine you made (schema must be at head)
    services.close()                     # or: with Services.open(url) as services: ...

Every read returns domain objects (detached dataclasses of ``sas_roster.domain``); every write
takes an optional ``actor=`` (who, for the audit log; default "système") and raises
``ValidationError`` (French message + ``problems``: list of ``Problem(message, row, field)``)
or ``NotFoundError`` — nothing is written when it raises. Batch methods are all-or-nothing.

``services.persons``
    get(id) → Person (NotFoundError) · find(id) → Person | None · by_rpps(rpps) → Person | None
    list(role=, status=, territory=code, active=) → list[Person] (by last, first name)
    validate(persons) → list[Problem] (what add_many would refuse; rows numbered from 1)
    add(person) → Person · add_many(persons) → list[Person] (all-or-nothing)
    update(person) → Person (by person.id) · deactivate(id, until=None) · reactivate(id)
    delete(id) (refused once in a roster or attendance: deactivate instead) · pseudonymise(id)
    Rules: RPPS required and valid for regulators/effectors, optional for OSNP, unique
    (stored without spaces/dots); end dates ≥ start dates; territory code must exist.

``services.settings``
    get() → AssociationSettings | None · save(settings)
    territories() · save_territories(list) (upsert by code) · remove_territory(code)
    shift_templates(role=None) · save_shift_templates(list, replace=True) (by role+code)
    demand_curves() → {Role: DemandCurve} · save_demand_curve(curve) (replaces that role's curve)
    demand_overrides(role=None) · save_demand_overrides(list) (replaces all; matched by id)
    rates() · save_rates(list) (upsert by kind+valid_from)
    indicator9_tiers() · save_indicator9_tiers(list) (upsert by valid_from+min_acts)

``services.availability``
    list_month(year, month, person_id=None) → list[AvailabilityEntry]
    set_month(person_id, year, month, entries) (that person's month becomes `entries`)
    replace_many(year, month, entries, person_ids=None) (each person present: month replaced)

``services.pdsa``
    list_period(start, end, person_id=None) (duties overlapping those days)
    add_many(duties) · replace_period(start, end, duties) (re-import, idempotent)
    PdsaDuty times are naive local wall time (Europe/Paris), at most 24 h.

``services.rosters``
    get(year, month, with_assignments=True) → Roster | None · list() → list[Roster]
    assignments(year, month, person_id=None) → list[Assignment] (ordered by day, start)
    get_or_create(year, month) → Roster (draft, version 0)
    replace_draft(year, month, assignments) → list[Assignment]: stored pinned assignments and
        those fixed by a CPTS rota stay, all other stored ones are replaced by `assignments`;
        refused unless the roster is a draft
    add(year, month, assignment) · remove(assignment_id) · pin(assignment_id, pinned=True)
    publish(year, month, at=None) → Roster (version 1, published_at; amendments: later issue)

``services.attendance``
    list_month(year, month) · record(lines) (upsert per assignment; published rosters only)

``services.history``
    minutes_worked(person_id, year, before) → int (retiree quotas)
    minutes_in_year_before(year, before) → {person_id: minutes}
    minutes_between(start, end_exclusive, person_id=None) → {person_id: minutes}
    (attendance where recorded, else the planned assignments, draft or published)

``services.audit``
    entries(entity=None, entity_id=None, limit=200) → list[AuditEntry], newest first
    (entity is the table name: "persons", "assignments", ...)

``services.audit_view``
    lines(person_id=, kind=, start=, end=, user=, limit=500) → list[AuditLine] (French: names,
    dates, fields; newest first) · users() → accounts seen in the log · write_csv(lines, path)

``services.verify_audit(expect=None)`` → VerifyResult (ok, first_bad, reason, last_hash) ·
``services.audit_checkpoint()`` → newest chain hash, for exports (``domain.audit.checkpoint_label``)

``services.users`` (accounts; Argon2id) · ``services.sign_in(name, password)`` · ``sign_out()`` ·
``current_user`` · ``single_user`` (no account: nothing restricted) · ``authorise(Permission.X)``
    add(name, roles, password) (the first must be an administrator) · list() · get(name) ·
    set_roles · set_password (anyone their own) · disable · enable · authenticate
    Rights: see docs/governance.md; every write is checked at flush (persistence/guard.py) and
    every writing use case before it starts (services/permissions.py); PermissionDenied.

``services.registry``
    members() · save_member · dues(year) · save_due · bodies() · body(id) · save_body (colleges,
    seats, statutes' rules) · meetings(body_id) · meeting(id) · quorum(meeting_id) → QuorumResult ·
    save_meeting (decisions' outcome computed) · minutes_data(meeting_id) · documents() ·
    add_document · add_version(document_id, file_name, bytes) · version_content (SHA-256 checked)
    · check_documents() · complaints() · save_complaint

``services.data_protection``
    retention_months() · set_retention_months · due_for_erasure(today) · erase_expired(today) ·
    person_data(person_id) · export_person(person_id, path) (JSON, right of access)

``services.reset_database(actor=None)`` empties every table but the audit log and the
accounts (demo loader).
"""

from .facade import Services

__all__ = ["Services"]
