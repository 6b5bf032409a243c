"""Rules a person record must keep, whatever enters it (window, import, settings file).

Pure and French: each broken rule is a `Problem` naming the field as the user knows it.
Text lengths are checked here, against the same limits as the database columns, so that a
too-long value is refused with the same message on SQLite (which would store it) and on
PostgreSQL (which would fail with a driver error).
"""

from __future__ import annotations

import re

from .enums import ContractKind, PersonStatus, Role
from .errors import Problem
from .person import Person

# Column sizes of the database (persistence/models): keep in step.
NAME_MAX = 120
PHONE_MAX = 40
EMAIL_MAX = 200
PLACE_MAX = 200
SKILL_MAX = 80
TRAINING_MAX = 80
EMPLOYER_MAX = 200
REPLACES_MAX = 200

# Local part and domain labels may hold accented letters (internationalised addresses).
_LABEL = r"[^\W_](?:[\w\-]*[^\W_])?"
_EMAIL = re.compile(rf"^[\w.%+'\-]+@{_LABEL}(?:\.{_LABEL})*\.[^\W\d_]{{2,}}$")
# National format: ten digits from 01 to 09 (overseas mobiles and lines too: 0690…, 0262…).
_NATIONAL = re.compile(r"^0[1-9]\d{8}$")
# International format, after +/00: France (33) and the overseas codes with their lengths.
_INTERNATIONAL = re.compile(r"^(?:33[1-9]\d{8}|(?:262|269|590|594|596)\d{9}|(?:508|681|687)\d{6}|689\d{8})$")


def phone_problem(phone: str | None) -> str | None:
    """A French reason if `phone` is not a French (metropolitan or overseas) number."""
    if phone is None or not phone.strip():
        return None
    raw = phone.strip()
    compact = re.sub(r"[\s.\-/]", "", raw).replace("(0)", "")
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("00"):
        digits = compact[2:]
    else:
        if _NATIONAL.match(compact):
            return None
        return ("numéro de téléphone invalide : 10 chiffres attendus, par ex. 06 12 34 56 78 "
                "(ou +33 6 12 34 56 78, +590 690 12 34 56 outre-mer)")
    if digits.isdigit() and _INTERNATIONAL.match(digits):
        return None
    return ("numéro de téléphone invalide : indicatif et numéro attendus, par ex. +33 6 12 34 56 78 "
            "ou +262 692 12 34 56")


def email_problem(email: str | None) -> str | None:
    """A French reason if `email` is not a complete e-mail address."""
    if email is None or not email.strip():
        return None
    if not _EMAIL.match(email.strip()):
        return "adresse e-mail invalide (attendu par ex. prenom.nom@exemple.fr)"
    return None


def too_long(value: str | None, limit: int, field: str, row: int | None = None) -> list[Problem]:
    """A problem when `value` has more than `limit` characters."""
    if value is not None and len(value) > limit:
        return [Problem(f"texte trop long : {len(value)} caractères pour {limit} au plus", row, field)]
    return []


def _lengths(p: Person, row: int | None) -> list[Problem]:
    out = too_long(p.last_name, NAME_MAX, "nom", row) + too_long(p.first_name, NAME_MAX, "prénom", row)
    out += too_long(p.phone, PHONE_MAX, "téléphone", row) + too_long(p.email, EMAIL_MAX, "e-mail", row)
    if p.remote is not None:
        out += too_long(p.remote.place, PLACE_MAX, "lieu de régulation à distance", row)
    for skill in sorted(p.skills):
        out += too_long(skill, SKILL_MAX, "compétences", row)
    for t in p.trainings:
        out += too_long(t.kind, TRAINING_MAX, "formation", row)
    for c in p.contracts:
        out += too_long(c.employer, EMPLOYER_MAX, "employeur", row)
        out += too_long(c.replaces, REPLACES_MAX, "médecin remplacé", row)
    return out


def _contracts(p: Person, row: int | None) -> list[Problem]:
    out: list[Problem] = []
    for c in p.contracts:
        if c.kind is ContractKind.LOCUM and not (c.replaces or "").strip():
            out.append(Problem(f"le contrat de remplacement du {c.start:%d/%m/%Y} doit nommer le médecin remplacé",
                               row, "médecin remplacé"))
        if c.kind is ContractKind.HOSPITAL:
            if not (c.employer or "").strip():
                out.append(Problem(f"le contrat hospitalier du {c.start:%d/%m/%Y} doit nommer l'hôpital qui paie",
                                   row, "employeur"))
            if p.status is not PersonStatus.RETIRED_AUTHORISED:
                out.append(Problem("un contrat hospitalier (contrat d'activité ponctuelle de service public) est "
                                   f"réservé aux médecins retraités autorisés (statut : {p.status.label_fr})",
                                   row, "statut"))
    return out


def person_rule_problems(p: Person, row: int | None = None) -> list[Problem]:
    """Sector, territory, contact details, contracts and text lengths of one person."""
    out: list[Problem] = []
    # The sector decides whether the health insurance takes the contributions in charge:
    # every regulator it pays needs one. A fully retired doctor is paid by the hospital.
    if (Role.REGULATOR in p.roles and p.sector is None
            and p.status not in (PersonStatus.RETIRED_AUTHORISED, PersonStatus.SALARIED)):
        out.append(Problem("secteur conventionnel obligatoire pour un régulateur (1, 2 ou OPTAM)", row, "secteur"))
    if Role.EFFECTOR in p.roles and not (p.territory or "").strip():
        out.append(Problem("territoire obligatoire pour un effecteur (CPTS, secteur)", row, "territoire"))
    if reason := phone_problem(p.phone):
        out.append(Problem(reason, row, "téléphone"))
    if reason := email_problem(p.email):
        out.append(Problem(reason, row, "e-mail"))
    return out + _contracts(p, row) + _lengths(p, row)
