"""Members file → `Person` objects, new or merged into the stored person they update.

A row is matched to a stored person by RPPS; an operator without RPPS by e-mail, else by
last and first name. The file is the truth for the columns it has: an empty cell in a
present column clears that field; columns missing from the file keep the stored values.
Contracts are only added or updated (same kind and start date), never removed by an import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sas_roster.domain.enums import ContractKind, PersonStatus, Role
from sas_roster.domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota

from .columns import EMAIL, MEMBERS, NOM, PRENOM, RPPS, ImportKind
from .directory import Directory, name_key
from .parsing import Line, ParseResult, RowReader, read_roles, read_sector, read_skills, read_status, same_person_name
from .reading import Table
from .values import CellError, read_count, read_date, read_email, read_hours, read_phone, read_rpps, read_yes_no


def _col(name: str) -> str:
    assert any(c.name == name for c in MEMBERS), name  # a typo here would silently drop a column
    return name


ROLES, STATUS, SECTOR, PHONE = _col("Rôles"), _col("Statut"), _col("Secteur"), _col("Téléphone")
TERRITORY, REMOTE_ON, REMOTE_PLACE = _col("Territoire"), _col("Régulation à distance autorisée le"), _col(
    "Lieu de régulation à distance")
SKILLS, MAX_SHIFTS, MAX_HOURS = _col("Compétences"), _col("Engagement mensuel (gardes)"), _col(
    "Engagement mensuel (heures)")
QUOTA_YEAR, QUOTA_MONTH, ELIGIBLE = _col("Quota annuel (h)"), _col("Quota mensuel (h)"), _col("Éligible jusqu'au")
CONTRACT_START, CONTRACT_END, EMPLOYER, WEEKLY = (_col("Contrat début"), _col("Contrat fin"), _col("Employeur"),
                                                  _col("Heures hebdomadaires"))
REPLACES = _col("Médecin remplacé")
CONSENT, ACTIVE_FROM, ACTIVE_UNTIL = _col("Consentement contact"), _col("Actif depuis"), _col("Actif jusqu'au")

CREATED, UPDATED, UNCHANGED = "créé", "mis à jour", "inchangé"
DOCTOR_ROLES = frozenset({Role.REGULATOR, Role.EFFECTOR})


@dataclass(frozen=True)
class MemberChange:
    person: Person  # id set when it updates a stored person
    previous: Person | None  # the stored person before the import, if any

    @property
    def action(self) -> str:
        if self.previous is None:
            return CREATED
        return UNCHANGED if self.person == self.previous else UPDATED


def _stored_value(previous: Person | None, column: str) -> object:
    """What a column says of the stored person: used when the file has no such column."""
    if previous is None:
        return None
    p = previous
    return {
        NOM: p.last_name, PRENOM: p.first_name, ROLES: p.roles, STATUS: p.status, RPPS: p.rpps,
        SECTOR: p.sector, PHONE: p.phone, EMAIL: p.email, TERRITORY: p.territory,
        REMOTE_ON: p.remote.granted_on if p.remote else None, REMOTE_PLACE: p.remote.place if p.remote else None,
        SKILLS: p.skills, MAX_SHIFTS: p.monthly_max_shifts, MAX_HOURS: p.monthly_max_hours,
        QUOTA_YEAR: p.quota.yearly_hours if p.quota else None, QUOTA_MONTH: p.quota.monthly_hours if p.quota else None,
        ELIGIBLE: p.quota.eligible_until if p.quota else None, CONSENT: p.consent_contact,
        ACTIVE_FROM: p.active_from, ACTIVE_UNTIL: p.active_until,
    }.get(column)


def _weekly_hours(value: object) -> float:
    hours = read_hours(value)
    if not 0 < hours <= 48:
        raise CellError(f"{value} h par semaine : attendu entre 0 et 48 h (durée maximale du travail)")
    return hours


def _read_cells(r: RowReader, directory: Directory) -> dict[str, object]:
    territory = r.get(TERRITORY, lambda v: directory.territory_code(str(v)))
    return {
        NOM: r.text(NOM, required=True), PRENOM: r.text(PRENOM, required=True),
        ROLES: r.get(ROLES, read_roles, required=True), STATUS: r.get(STATUS, read_status, required=True),
        RPPS: r.get(RPPS, read_rpps), SECTOR: r.get(SECTOR, read_sector), PHONE: r.get(PHONE, read_phone),
        EMAIL: r.get(EMAIL, read_email), TERRITORY: territory,
        REMOTE_ON: r.get(REMOTE_ON, read_date), REMOTE_PLACE: r.text(REMOTE_PLACE),
        SKILLS: r.get(SKILLS, read_skills), MAX_SHIFTS: r.get(MAX_SHIFTS, read_count),
        MAX_HOURS: r.get(MAX_HOURS, read_count), QUOTA_YEAR: r.get(QUOTA_YEAR, read_count),
        QUOTA_MONTH: r.get(QUOTA_MONTH, read_count), ELIGIBLE: r.get(ELIGIBLE, read_date),
        CONTRACT_START: r.get(CONTRACT_START, read_date), CONTRACT_END: r.get(CONTRACT_END, read_date),
        EMPLOYER: r.text(EMPLOYER), REPLACES: r.text(REPLACES), WEEKLY: r.get(WEEKLY, _weekly_hours), CONSENT: r.get(CONSENT, read_yes_no),
        ACTIVE_FROM: r.get(ACTIVE_FROM, read_date), ACTIVE_UNTIL: r.get(ACTIVE_UNTIL, read_date),
    }


def _find_previous(r: RowReader, v: dict[str, object], directory: Directory) -> Person | None:
    rpps = v[RPPS]
    if rpps:
        stored = directory.by_rpps(rpps)  # type: ignore[arg-type]
        if stored and v[NOM] and v[PRENOM] and not same_person_name(
                stored.last_name, stored.first_name, v[NOM], v[PRENOM]):  # type: ignore[arg-type]
            r.fail(RPPS, f"RPPS {rpps} déjà enregistré pour {stored.first_name} {stored.last_name} "
                         f"(base de données) : vérifiez le numéro")
        return stored
    if r.has(RPPS) and not r.blank(RPPS):
        return None  # an invalid RPPS was already reported
    if v[EMAIL]:
        found = directory.by_email(v[EMAIL])  # type: ignore[arg-type]
        if len(found) == 1:
            return found[0]
    if v[NOM] and v[PRENOM]:
        found = [p for p in directory.by_name(v[NOM], v[PRENOM]) if not p.rpps]  # type: ignore[arg-type]
        if len(found) > 1:
            r.fail(NOM, f"plusieurs personnes s'appellent {v[PRENOM]} {v[NOM]} en base : indiquez l'e-mail")
        elif found:
            return found[0]
    return None


def _contracts(r: RowReader, v: dict[str, object], previous: Person | None) -> tuple[Contract, ...]:
    existing = previous.contracts if previous else ()
    start, end = v.get(CONTRACT_START), v.get(CONTRACT_END)
    if start is None:
        if end is not None or v.get(EMPLOYER) or v.get(WEEKLY) is not None or v.get(REPLACES):
            r.fail(CONTRACT_START, "date de début du contrat manquante (les autres cases du contrat sont remplies)")
        return existing
    roles, status = v[ROLES] or frozenset(), v[STATUS]
    if Role.OSNP in roles:  # type: ignore[operator]
        kind = ContractKind.OSNP
    elif status is PersonStatus.LOCUM:
        kind = ContractKind.LOCUM
    elif status is PersonStatus.RETIRED_AUTHORISED:
        kind = ContractKind.HOSPITAL  # occasional public-service contract; Employeur: the paying hospital
    else:
        r.fail(CONTRACT_START, "contrat réservé aux remplaçants, aux retraités autorisés (contrat hospitalier) "
                              "et aux OSNP")
        return existing
    if end is not None and end < start:  # type: ignore[operator]
        r.fail(CONTRACT_END, f"la fin du contrat ({end:%d/%m/%Y}) précède son début ({start:%d/%m/%Y})")
        return existing
    contract = Contract(kind, start, end, v.get(EMPLOYER) or None, v.get(WEEKLY),  # type: ignore[arg-type]
                        v.get(REPLACES) or None)  # type: ignore[arg-type]
    # Same kind and start: the same contract, amended in place; stored order kept so that an
    # unchanged row compares equal to the stored person.
    if any(c.kind is kind and c.start == start for c in existing):
        return tuple(contract if (c.kind is kind and c.start == start) else c for c in existing)
    return existing + (contract,)


def _quota(r: RowReader, v: dict[str, object]) -> RetireeQuota | None:
    yearly, monthly, until = v[QUOTA_YEAR], v[QUOTA_MONTH], v[ELIGIBLE]
    if yearly is None and monthly is None and until is None:
        return None
    status = v[STATUS]
    if status is not None and not status.is_retired:  # type: ignore[attr-defined]
        r.fail(QUOTA_YEAR, f"quota et éligibilité réservés aux retraités (statut : {status.label_fr})")  # type: ignore[attr-defined]
        return None
    # No yearly quota: the association's default quota applies (settings).
    return RetireeQuota(yearly, monthly, until)  # type: ignore[arg-type]


_NO_SKILLS: frozenset[str] = frozenset()  # shared: one empty set per person is 4 MB in 20 000 rows


def _build(r: RowReader, v: dict[str, object], previous: Person | None) -> Person | None:
    roles = v[ROLES]
    if roles and DOCTOR_ROLES & roles and not v[RPPS] and r.blank(RPPS):  # type: ignore[operator]
        r.fail(RPPS, "RPPS obligatoire pour un médecin (régulateur ou effecteur)")
    remote = None
    if v[REMOTE_ON] is not None:
        remote = RemoteAuthorisation(v[REMOTE_ON], v[REMOTE_PLACE] or "")  # type: ignore[arg-type]
    elif v[REMOTE_PLACE]:
        r.fail(REMOTE_ON, "lieu de régulation à distance indiqué sans date d'autorisation")
    active_from, active_until = v[ACTIVE_FROM], v[ACTIVE_UNTIL]
    if active_from and active_until and active_until < active_from:  # type: ignore[operator]
        r.fail(ACTIVE_UNTIL, f"la fin d'activité ({active_until:%d/%m/%Y}) précède son début ({active_from:%d/%m/%Y})")
    quota = _quota(r, v)
    contracts = _contracts(r, v, previous)
    if r.failed:
        return None
    # The row's values are typed per column by their readers, not in `v`: Any is the honest type here.
    fields: dict[str, Any] = dict(
        last_name=v[NOM], first_name=v[PRENOM], roles=roles, status=v[STATUS], rpps=v[RPPS], sector=v[SECTOR],
        phone=v[PHONE] or None, email=v[EMAIL], territory=v[TERRITORY], remote=remote,
        skills=v[SKILLS] or _NO_SKILLS, monthly_max_shifts=v[MAX_SHIFTS], monthly_max_hours=v[MAX_HOURS],
        quota=quota, contracts=contracts, consent_contact=True if v[CONSENT] is None else v[CONSENT],
        active_from=active_from, active_until=active_until,
    )
    if previous is None:
        return Person(**fields)
    return dataclasses.replace(previous, **fields)


def _identity(v: dict[str, object]) -> tuple[str, str] | None:
    """What makes two rows the same person inside one file, and how to say it."""
    if v[RPPS]:
        return f"rpps:{v[RPPS]}", f"RPPS {v[RPPS]}"
    if v[EMAIL]:
        return f"email:{v[EMAIL]}", f"e-mail {v[EMAIL]}"
    if v[NOM] and v[PRENOM]:
        return f"name:{name_key(v[NOM], v[PRENOM])}", f"nom {v[PRENOM]} {v[NOM]}"  # type: ignore[arg-type]
    return None


def parse_members(table: Table, directory: Directory | None = None) -> ParseResult[MemberChange]:
    directory = directory or Directory()
    result: ParseResult[MemberChange] = ParseResult(ImportKind.MEMBERS, notes=list(table.notes))
    seen: dict[str, int] = {}
    updating: dict[int, int] = {}  # stored person id -> row updating it
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        cells = _read_cells(r, directory)
        identity = _identity(cells)
        if identity:
            key, label = identity
            if key in seen:
                column = RPPS if key.startswith("rpps") else EMAIL if key.startswith("email") else NOM
                r.fail(column, f"{label} en double : déjà à la ligne {seen[key]} (ligne {seen[key]} et ligne {row.number})")
                continue
            seen[key] = row.number
        previous = _find_previous(r, cells, directory)
        if previous is not None:
            if previous.id in updating:
                r.fail(NOM, f"{previous.display_name} est déjà mis(e) à jour par la ligne {updating[previous.id]} "
                            f"(ligne {updating[previous.id]} et ligne {row.number})")
                continue
            updating[previous.id] = row.number  # type: ignore[index]
        values = {col: (cells[col] if r.has(col) else _stored_value(previous, col)) for col in cells}
        if previous is not None and previous.rpps and not values[RPPS]:
            values[RPPS] = previous.rpps  # an empty cell never erases a stored RPPS
        person = _build(r, values, previous)
        if person is not None:
            result.lines.append(Line(row.number, MemberChange(person, previous)))
    return result
