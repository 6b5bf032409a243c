"""Shared machinery of the four parsers: reading one row's cells while collecting problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sas_roster.domain.enums import AvailabilityKind, DutyKind, PersonStatus, Role, Sector
from sas_roster.domain.errors import Problem

from .columns import AVAILABILITY_CHOICES, DUTY_CHOICES, SECTOR_CHOICES, STATUS_CHOICES, ImportKind
from .reading import Row
from .values import CellError, fold, is_blank, read_choice, split_list, text

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Line(Generic[T]):
    """One parsed spreadsheet row and the domain object it became."""

    row: int
    item: T


@dataclass
class ParseResult(Generic[T]):
    kind: ImportKind
    lines: list[Line[T]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # blocking: nothing is written
    notes: list[Problem] = field(default_factory=list)  # harmless: reported, not blocking

    @property
    def items(self) -> list[T]:
        return [line.item for line in self.lines]

    @property
    def ok(self) -> bool:
        return not self.problems


class RowReader:
    """Reads the cells of one row; each fault becomes a Problem naming the row and column."""

    def __init__(self, row: Row, problems: list[Problem], present: list[str]) -> None:
        self.row = row
        self.problems = problems
        self.present = present
        self.failed = False

    def has(self, column: str) -> bool:
        return column in self.present

    def blank(self, column: str) -> bool:
        return is_blank(self.row.get(column))

    def raw(self, column: str) -> object:
        return self.row.get(column)

    def fail(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(message, self.row.number, column))
        self.failed = True

    def get(self, column: str, reader: Callable[[object], R], *, required: bool = False) -> R | None:
        value = self.row.get(column)
        if is_blank(value):
            if required:
                self.fail(column, "case vide : cette information est obligatoire")
            return None
        try:
            return reader(value)
        except CellError as err:
            self.fail(column, str(err))
            return None

    def text(self, column: str, *, required: bool = False) -> str | None:
        return self.get(column, lambda v: text(v) or "", required=required)


# --------------------------------------------------------------------------- enumerations

_ROLE_ALIASES: dict[str, Role] = {
    **{k: Role.REGULATOR for k in ("regulateur", "regulatrice", "regulation", "regul", "medecin regulateur",
                                   "regulator")},
    **{k: Role.EFFECTOR for k in ("effecteur", "effectrice", "effection", "medecin effecteur", "effector")},
    **{k: Role.OSNP for k in ("osnp", "operateur", "operatrice", "operateur de soins non programmes",
                              "operateur snp", "operatrice snp")},
}
_STATUS_ALIASES: dict[str, PersonStatus] = {
    **{k: PersonStatus.INSTALLED for k in ("liberal installe", "liberale installee", "installe", "installee",
                                           "liberal", "liberale", "medecin installe", "installed")},
    **{k: PersonStatus.RETIRED_CUMUL for k in ("retraite cumul", "retraitee cumul", "cumul",
                                               "cumul emploi retraite", "retraite en cumul emploi retraite",
                                               "retraitee en cumul emploi retraite", "retraite en cumul",
                                               "retired cumul", "retraite", "retraitee", "medecin retraite",
                                               "retraite actif", "retraitee active", "retraite cumul emploi retraite",
                                               "cer")},
    **{k: PersonStatus.RETIRED_AUTHORISED for k in ("retraite autorise", "retraitee autorisee",
                                                    "retraite autorisee", "retired authorised", "retraite total",
                                                    "retraitee totale", "retraite contrat hospitalier",
                                                    "retraite sous contrat hospitalier")},
    **{k: PersonStatus.LOCUM for k in ("remplacant", "remplacante", "remplacant sous contrat",
                                       "remplacante sous contrat", "locum")},
    **{k: PersonStatus.SALARIED for k in ("salarie", "salariee", "salaried")},
}
_SECTOR_ALIASES: dict[str, Sector] = {
    **{k: Sector.S1 for k in ("1", "s1", "secteur 1", "secteur i", "sect 1", "secteur1")},
    **{k: Sector.S2 for k in ("2", "s2", "secteur 2", "secteur ii", "sect 2", "secteur2")},
    **{k: Sector.OPTAM for k in ("optam", "s2 optam", "2 optam", "secteur 2 optam", "secteur optam",
                                 "optam co")},
}
_AVAILABILITY_ALIASES: dict[str, AvailabilityKind] = {
    **{k: AvailabilityKind.AVAILABLE for k in ("disponible", "dispo", "oui", "available")},
    **{k: AvailabilityKind.PREFERRED for k in ("souhaite", "souhaitee", "prefere", "preferee", "souhait",
                                               "preferred")},
    **{k: AvailabilityKind.IF_NEEDED for k in ("si besoin", "si necessaire", "en cas de besoin", "if needed")},
    **{k: AvailabilityKind.UNAVAILABLE for k in ("indisponible", "indispo", "non", "absent", "absente",
                                                 "unavailable")},
}
_DUTY_ALIASES: dict[str, DutyKind] = {
    **{k: DutyKind.REGULATION for k in ("regulation", "regul", "regulateur", "regulation pdsa")},
    **{k: DutyKind.EFFECTION for k in ("effection", "effecteur", "garde", "consultation", "effection pdsa")},
}


def read_roles(value: object) -> frozenset[Role]:
    items = split_list(value)
    if not items:
        raise CellError("aucun rôle indiqué")
    roles: set[Role] = set()
    for item in items:
        roles.add(read_choice(item, _ROLE_ALIASES, ["régulateur", "effecteur", "OSNP"], "rôle"))
    # One shared set per combination of roles (there are seven): a 20 000-row file would
    # otherwise hold 20 000 equal sets (≈ 4 MB).
    found = frozenset(roles)
    return _ROLE_SETS.setdefault(found, found)


_ROLE_SETS: dict[frozenset[Role], frozenset[Role]] = {}


def read_status(value: object) -> PersonStatus:
    return read_choice(value, _STATUS_ALIASES, list(STATUS_CHOICES), "statut")


def read_sector(value: object) -> Sector:
    return read_choice(value, _SECTOR_ALIASES, list(SECTOR_CHOICES), "secteur")


def read_availability_kind(value: object) -> AvailabilityKind:
    return read_choice(value, _AVAILABILITY_ALIASES, list(AVAILABILITY_CHOICES), "type")


def read_duty_kind(value: object) -> DutyKind:
    return read_choice(value, _DUTY_ALIASES, list(DUTY_CHOICES), "type")


def read_skills(value: object) -> frozenset[str]:
    # Skills are matched against the skill a shift template requires: compare lower-case.
    return frozenset(item.lower() for item in split_list(value))


def same_person_name(a_last: str, a_first: str, b_last: str, b_first: str) -> bool:
    """True when at least the last or the first name matches (a married name change is not a typo)."""
    return fold(a_last) == fold(b_last) or fold(a_first) == fold(b_first)


def check_name(reader: RowReader, column: str, person_last: str, rpps: str) -> None:
    """A 'Nom' cell filled next to an RPPS must be that person's: catches a mistyped RPPS."""
    typed = reader.text(column)
    if typed and fold(typed) != fold(person_last) and fold(person_last) not in fold(typed):
        reader.fail(column, f"le RPPS {rpps} correspond à {person_last}, pas à « {typed} » : vérifiez le RPPS")
