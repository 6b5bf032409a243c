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
    open_month(year, month) → lines of the latest published version (keyed by month and
        shift uid; new shifts added, cancelled unrecorded ones dropped; refused once confirmed)
    list_month(year, month) · open_lines(year, month) · record(lines) (all or nothing)
    all_present(year, month, day) · import_sheet(path, year, month, dry_run=False)
    confirm(year, month) (refused while lines are open) · reopen(year, month) · confirmation(…)

``services.claims``
    regulation(year, month) → unnumbered statements from confirmed attendance (else refused)
    indemnities(year, months) · effectors(year, quarter) · add_indemnity(person_id, kind, day, minutes)
    issue(statements) → numbered and frozen on first issue; unchanged → the frozen one;
        changed → a correction naming the statement it corrects · issued(period=None, kind=None)
    (``services.claims.import_snp_rows(claims, rows)``: SNP counts and indicator 8, all or nothing)

``services.budget``
    set(BudgetLine) · lines(year) · show(year) → planned, committed, spent per funding source

``services.history``
    minutes_worked(person_id, year, before, role=None) → int
    minutes_in_year_before(year, before, person_id=None, role=None) → {person_id: minutes}
        (stored rosters + hours entered for the months before the app)
    regulation_minutes_before(year, before) → {person_id: minutes}: what retiree quotas count
    minutes_between(start, end_exclusive, person_id=None, role=None) → {person_id: minutes}
    (attendance where recorded, else the planned assignments, draft or published)
    entered(year=None, person_id=None) → list[WorkedHours] (hours before the app)
    save_entered(list[WorkedHours]) (upsert by person+role+month; 0 h removes; all-or-nothing)
    months_with_rosters() → {(year, month)} (history there would count twice)

``services.setup`` (first start, setup wizard, settings file)
    database_kind() → DatabaseKind.EMPTY | DEMO | ASSOCIATION · is_demo() → bool
    current() → AssociationSetup | None (settings, territories, templates, curves,
        overrides, rates, tiers: what ``settings export`` writes)
    validate(setup) → list[Problem] · apply(setup, actor=, dry_run=False) → SetupReport
        (one transaction; templates, base curves and dated periods become the setup's;
        territories upserted by code, unused left-out ones removed; rates/tiers upserted;
        the stored demo flag is kept)
    Pure helpers in ``sas_roster.domain.setup``: AssociationSetup, default_setup(name),
    usual_bridge_days(year, zone) → list[BridgeDay] to tick, default_templates(),
    flat_curve(settings, role, n); in ``sas_roster.domain.departments``:
    zone_for_department(code), time_zone_of(zone), normalise_department(code).
    Database files (``sas_roster.persistence.engine``): default_database_url() (the
    association's), demo_database_url() (demo.sqlite beside it), user_data_folder(),
    is_zero_byte_file(url).

``services.audit``
    entries(entity=None, entity_id=None, limit=200) → list[AuditEntry], newest first
    (entity is the table name: "persons", "assignments", ...)

``services.activity``
    records(start, end, territory=None) · periods() · save(records) (call activity, aggregates only;
    imported with import_file(services, "activity", path))

``services.indicators``
    compute(period) → Indicators for "2027-03" | "2027-Q1" | "2027" (see services/indicators.py)

``services.capacity``
    plan(plan_file, on) → PlanResult (Erlang C per role and hour beside today's demand)
    apply(result, start, end, label=None) → the dated demand curves stored

``services.reset_database(actor=None)`` empties every table (demo loader).

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
