"""The audit log as people read it: French dates, names instead of table names and ids,
filters (person, kind, dates, user), and a plain export. Shared by the window and the CLI."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.audit import AuditEntry
from ..domain.french import MONTHS_FR, date_fr, instant_fr
from ..persistence.transactions import read_session
from ..persistence.audit_chain import is_erased
from ..persistence.models import AssignmentRow, AuditRow, MemberRow, PersonRow, RosterRow
from .base import ServiceBase


# Kinds shown in the viewer's filter, with the tables they cover (matched by prefix).
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "persons": ("Personnes", ("persons", "person_")),
    "availability": ("Disponibilités et gardes PDSA", ("availability", "pdsa")),
    "rosters": ("Plannings", ("rosters", "assignments", "roster_", "version_", "withdraw", "amend")),
    "attendance": ("Présences", ("attendance",)),
    "money": ("Taux et états", ("dated_rates", "indicator9", "statement", "claim", "payment", "budget")),
    "settings": ("Réglages", ("association_settings", "opening_hours", "bridge_days", "territories",
                              "shift_templates", "demand_")),
    "accounts": ("Comptes et protection des données", ("users", "user_roles", "data_protection")),
    "registry": ("Registre de l'association", ("members", "member_dues", "bodies", "body_", "meeting",
                                              "documents", "document_", "complaints")),
}
ACTIONS_FR = {
    "insert": "ajout", "update": "modification", "delete": "suppression", "reset": "remise à zéro",
    "bulk_delete": "suppression en bloc", "bulk_update": "modification en bloc", "bulk_insert": "ajout en bloc",
}
FIELDS_FR = {
    "last_name": "nom", "first_name": "prénom", "phone": "téléphone", "email": "courriel", "rpps": "RPPS",
    "status": "statut", "sector": "secteur", "day": "jour", "start": "début", "end": "fin", "active": "actif",
    "active_until": "actif jusqu'au", "active_from": "actif depuis", "role": "rôle", "pinned": "épinglé",
    "presence": "présence", "published_at": "publié le", "version": "version", "value": "montant",
    "valid_from": "depuis le", "note": "note", "kind": "type", "amount": "montant", "paid": "payée",
    "paid_on": "payée le", "name": "nom", "title": "titre", "description": "description", "held_on": "date",
    "password_hash": "mot de passe", "person_id": "personne", "template_code": "modèle", "content": "fichier",
}
_HIDDEN = {"id", "extra"}
# Stored enum values people read in French (column → value → label).
VALUES_FR: dict[str, dict[str, str]] = {
    "role": {"regulator": "régulateur", "effector": "effecteur", "osnp": "OSNP"},
    "status": {"draft": "brouillon", "validated": "validé", "published": "publié", "planned": "prévu",
               "present": "présent", "absent": "absent", "replaced": "remplacé", "partial": "partiel",
               "installed": "libéral installé", "retired_cumul": "retraité en cumul", "locum": "remplaçant",
               "retired_authorised": "retraité autorisé", "salaried": "salarié"},
    "presence": {"on_site": "sur site", "remote": "à distance"},
    "kind": {"available": "disponible", "preferred": "souhaité", "if_needed": "si besoin",
             "unavailable": "indisponible", "regulation": "régulation", "effection": "effection"},
}
FIELDS_FR.update({"fixed_by_cpts": "liste CPTS", "year": "année", "month": "mois", "actual_start": "début réel",
                  "actual_end": "fin réelle", "replaced_by": "remplacé par", "consent_contact": "accord de contact"})


def kind_of(entity: str) -> str:
    for key, (_label, prefixes) in KINDS.items():
        if any(entity == p or entity.startswith(p) for p in prefixes):
            return key
    return "other"


def kind_label(key: str) -> str:
    return KINDS[key][0] if key in KINDS else "Autres données"


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    when: str  # "lundi 3 mai 2027 à 14:05"
    user: str
    kind: str  # KINDS key
    kind_label: str
    subject: str  # "Anne Lefèvre", "planning de mai 2027", "créneau d'Anne Lefèvre le 3 mai 2027"
    action: str  # "ajout", "modification"...
    details: tuple[str, ...] = ()  # "téléphone : 06… → 07…"
    person_ids: frozenset[int] = field(default_factory=frozenset)


def _value_fr(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if is_erased(value):
        return "[effacé]"
    if key == "password_hash":
        return "••••"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dict) and "sha256" in value:
        return f"{value.get('octets', '?')} octets"
    if isinstance(value, str) and value in VALUES_FR.get(key, {}):
        return VALUES_FR[key][value]
    if isinstance(value, str) and len(value) == 8 and value[2] == ":" and value[5] == ":":  # a time
        return f"{int(value[:2])}h{value[3:5]}"
    if isinstance(value, str) and len(value) > 18 and value[4] == "-" and value[10] == "T":  # an instant
        try:
            return instant_fr(datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_fr(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


class _Names:
    """Lookups from ids to readable names, loaded once per call."""

    def __init__(self, s: Session) -> None:
        self.persons = {r.id: f"{r.first_name} {r.last_name}".strip() for r in s.scalars(select(PersonRow))}
        self.members = {r.id: f"{r.first_name} {r.last_name}".strip() for r in s.scalars(select(MemberRow))}
        self.rosters = {r.id: (r.year, r.month) for r in s.scalars(select(RosterRow))}
        self.assignments = {r.id: (r.person_id, r.day) for r in s.scalars(select(AssignmentRow))}

    def person(self, pid: Any) -> str:
        try:
            return self.persons.get(int(pid), f"personne n° {pid}")
        except (TypeError, ValueError):
            return f"personne n° {pid}"


def _persons_of(e: AuditEntry, names: _Names) -> set[int]:
    out: set[int] = set()
    if e.entity == "persons" and e.entity_id.isdigit():
        out.add(int(e.entity_id))
    for values in (e.before or {}, e.after or {}):
        for key in ("person_id", "replaced_by"):
            v = values.get(key)
            if isinstance(v, int):
                out.add(v)
        if e.entity.startswith("attendance") and isinstance(values.get("assignment_id"), int):
            a = names.assignments.get(values["assignment_id"])
            if a:
                out.add(a[0])
    return out


def _subject(e: AuditEntry, names: _Names) -> str:
    values = e.after or e.before or {}
    if e.entity_id == "*":
        return f"toute la table « {kind_label(kind_of(e.entity)).lower()} » ({e.entity})"
    if e.entity == "persons":
        return names.person(e.entity_id)
    if e.entity == "rosters":
        y, m = (values.get("year"), values.get("month")) if "year" in values else names.rosters.get(
            int(e.entity_id), (None, None))
        if not m:
            return "un planning"
        name = MONTHS_FR[m - 1]
        return f"planning {'d’' if name[0] in 'ao' else 'de '}{name} {y}"
    if "person_id" in values and "day" in values:
        day = _value_fr("day", values["day"])
        return f"{names.person(values['person_id'])}, {day}"
    if "person_id" in values:
        return names.person(values["person_id"])
    if e.entity in ("members",):
        return names.members.get(int(e.entity_id), f"adhérent n° {e.entity_id}")
    if "member_id" in values:
        return names.members.get(values["member_id"], f"adhérent n° {values['member_id']}")
    for key in ("name", "title", "code", "held_on", "kind"):
        if key in values and not is_erased(values[key]):
            return _value_fr(key, values[key])
    return kind_label(kind_of(e.entity)).lower()


def _details(e: AuditEntry) -> tuple[str, ...]:
    before, after = e.before or {}, e.after or {}
    if e.action == "update":
        keys = [k for k in after if k not in _HIDDEN and before.get(k) != after.get(k)]
        return tuple(f"{FIELDS_FR.get(k, k.replace('_', ' '))} : {_value_fr(k, before.get(k))} → "
                     f"{_value_fr(k, after.get(k))}" for k in keys)
    values = after or before
    return tuple(f"{FIELDS_FR.get(k, k.replace('_', ' '))} : {_value_fr(k, v)}" for k, v in values.items()
                 if k not in _HIDDEN and not k.endswith("_id") and v not in (None, "", {}, []))


class AuditViewService(ServiceBase):
    def lines(
        self, *, person_id: int | None = None, kind: str | None = None, start: date | None = None,
        end: date | None = None, user: str | None = None, limit: int | None = 500,
    ) -> list[AuditLine]:
        """Newest first. `end` is inclusive; `kind` is a KINDS key (or "other")."""
        q = select(AuditRow).order_by(AuditRow.id.desc())
        if user:
            q = q.where(AuditRow.actor == user)
        out: list[AuditLine] = []
        with read_session(self._sessions) as s:
            names = _Names(s)
            for r in s.scalars(q):
                local_day = r.at.date()
                if end is not None and local_day > end:
                    continue
                if start is not None and local_day < start:
                    break  # ids grow with time: older entries follow
                k = kind_of(r.entity)
                if kind is not None and k != kind:
                    continue
                e = AuditEntry(r.at, r.actor, r.entity, r.entity_id, r.action, r.before, r.after, id=r.id)
                persons = _persons_of(e, names)
                if person_id is not None and person_id not in persons:
                    continue
                out.append(AuditLine(r.id, r.at, instant_fr(r.at), r.actor, k, kind_label(k), _subject(e, names),
                                     ACTIONS_FR.get(r.action, r.action), _details(e), frozenset(persons)))
                if limit is not None and len(out) >= limit:
                    break
        return out

    def users(self) -> list[str]:
        with read_session(self._sessions) as s:
            return sorted(set(s.scalars(select(AuditRow.actor).distinct())))


def write_csv(lines: Iterable[AuditLine], path: str | Path) -> Path:
    """The viewer's lines as a CSV file (semicolons, UTF-8 with BOM: opens right in French Excel)."""
    target = Path(path)
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["n°", "date", "par", "domaine", "objet", "action", "détail"])
        for line in lines:
            w.writerow([line.id, line.when, line.user, line.kind_label, line.subject, line.action,
                        " ; ".join(line.details)])
    return target
