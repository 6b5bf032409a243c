"""Text lengths checked before any row reaches the database, the same on every engine.

PostgreSQL refuses a value longer than its ``VARCHAR(n)`` with a DataError (and a traceback
carrying the whole row); SQLite stores it. Both now get the same French refusal, naming the
field and the limit, without the value itself (it may be personal data).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from ..domain.errors import Problem, ValidationError

# Column name -> the word the user knows it by; others are shown as "table.column".
FIELD_FR = {
    "last_name": "nom", "first_name": "prénom", "phone": "téléphone", "email": "e-mail",
    "remote_place": "lieu de régulation à distance", "employer": "employeur", "skill": "compétence",
    "kind": "type", "name": "nom", "department": "département", "code": "code", "label": "libellé",
    "sector": "secteur", "template_code": "modèle de créneau", "rpps": "RPPS",
}


def length_problems(obj: Any) -> list[Problem]:
    problems = []
    mapper = inspect(obj).mapper
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String) or column.type.length is None:
            continue
        value = getattr(obj, attr.key, None)
        if isinstance(value, str) and len(value) > column.type.length:
            label = FIELD_FR.get(column.name, f"{mapper.local_table.name}.{column.name}")
            problems.append(Problem(
                f"texte trop long : {len(value)} caractères pour {column.type.length} au plus", field=label))
    return problems


def check_lengths(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    problems = [p for obj in (*session.new, *session.dirty) for p in length_problems(obj)]
    if problems:
        raise ValidationError("Enregistrement refusé : un texte dépasse la longueur permise", problems)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", check_lengths):
        event.listen(session_class, "before_flush", check_lengths)
