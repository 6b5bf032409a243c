"""How a command names a person: by RPPS, or by the number the app shows (OSNP have no RPPS)."""

from __future__ import annotations

from ..domain.errors import NotFoundError
from ..domain.person import Person
from ..domain.rpps import normalise_rpps
from ..services import Services


def find_person(services: Services, text: str) -> tuple[int, Person]:
    """The stored person named by `text` (RPPS or number), with its number."""
    value = normalise_rpps(text).lstrip("#")
    if value.lower().startswith("n°"):
        value = value[2:]
    person = services.persons.by_rpps(value) if len(value) == 11 else None
    if person is None and value.isdigit() and len(value) < 11:
        person = services.persons.find(int(value))
    if person is None or person.id is None:
        raise NotFoundError(f"Aucune personne de RPPS ou de numéro « {text} »")
    return person.id, person


PERSON_HELP = "RPPS de la personne, ou son numéro affiché par l'application (OSNP)"
