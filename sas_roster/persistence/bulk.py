"""Writing many new persons at once, without the ORM unit of work.

Importing a 20 000-row members file through ORM objects spent most of its time and memory
in the unit of work (one object per person and per role, collections, per-object events).
New persons are inserted here with executemany-style INSERT … RETURNING in parameter
order, their roles, skills, trainings and contracts likewise, and the audit-log rows the
ORM hooks would have written (same entity, id, action and column snapshot) in the same
transaction. Text lengths are checked first, as `lengths` does before an ORM flush.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import String, Table, func, insert, inspect, select
from sqlalchemy.orm import Session

from ..domain.errors import Problem, ValidationError
from ..domain.person import Person
from . import audit_chain
from .audit import ACTOR_KEY, DEFAULT_ACTOR, json_value
from .lengths import FIELD_FR
from .mapping import contract_row, person_values, training_row
from .models import ContractRow, PersonRoleRow, PersonRow, PersonSkillRow, TrainingRow


def _values(row: Any, **extra: Any) -> dict[str, Any]:
    """The column values of a transient ORM row (its id left to the insert)."""
    table = row.__table__
    values = {c.name: getattr(row, c.key) for c in inspect(type(row)).column_attrs for c in [c.columns[0]]
              if c.name != "id"}
    values.update(extra)
    assert set(values) <= {c.name for c in table.columns}
    return values


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _too_long(table: Table, rows: Sequence[dict[str, Any]]) -> list[Problem]:
    limits = {c.name: c.type.length for c in table.columns if isinstance(c.type, String) and c.type.length}
    problems = []
    for values in rows:
        for name, limit in limits.items():
            value = values.get(name)
            if isinstance(value, str) and len(value) > limit:
                problems.append(Problem(f"texte trop long : {len(value)} caractères pour {limit} au plus",
                                        field=FIELD_FR.get(name, f"{table.name}.{name}")))
    return problems


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]], audit: list[dict[str, Any]],
            returning_id: bool) -> list[int]:
    if not rows:
        return []
    table = _table(model)
    # On the session's connection, not through the session: the rows are audited one by one
    # below, as the ORM would, not as one bulk statement.
    conn = session.connection()
    ids: list[int] = []
    if returning_id and session.get_bind().dialect.name == "sqlite":
        # SQLite answers RETURNING in order only row by row; the write lock is ours (BEGIN
        # IMMEDIATE), so the next ids are known: SQLite gives max(id) + 1 itself.
        first = int(conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        for row, id_ in zip(rows, ids, strict=True):
            row["id"] = id_
        conn.execute(insert(table), rows)
    elif returning_id:
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        ids = [int(i) for i in result.scalars()]
        for row, id_ in zip(rows, ids, strict=True):
            row["id"] = id_
    else:
        conn.execute(insert(table), rows)
    keys = [c.name for c in table.columns]
    pk = [c.name for c in table.primary_key.columns]
    for row in rows:
        audit.append({"entity": table.name, "entity_id": "/".join(str(json_value(row[k])) for k in pk),
                      "action": "insert", "before": None,
                      "after": {k: json_value(row.get(k)) for k in keys}})
    return ids


_CHUNK = 500  # persons per batch: the rows and audit entries of one batch at a time in memory


def insert_persons(session: Session, persons: Iterable[tuple[Person, int | None]]) -> list[int]:
    """Insert new persons (with their territory id) and every sub-record; returns their ids,
    in order. Audit rows are written as the ORM hooks would. In the caller's transaction: a
    refusal in a later batch rolls back the earlier ones with everything else. `persons` is
    read batch by batch: a generator keeps only one batch in memory."""
    ids: list[int] = []
    it = iter(persons)
    while batch := list(islice(it, _CHUNK)):
        ids += _insert_batch(session, batch)
    return ids


def _insert_batch(session: Session, persons: Sequence[tuple[Person, int | None]]) -> list[int]:
    rows = [person_values(p, territory) for p, territory in persons]
    problems = _too_long(_table(PersonRow), rows)
    if problems:
        raise ValidationError("Enregistrement refusé : un texte dépasse la longueur permise", problems)
    audit: list[dict[str, Any]] = []
    ids = _insert(session, PersonRow, rows, audit, returning_id=True)
    roles, skills, trainings, contracts = [], [], [], []
    for (p, _), pid in zip(persons, ids, strict=True):
        roles += [{"person_id": pid, "role": r} for r in p.roles]
        skills += [{"person_id": pid, "skill": sk} for sk in p.skills]
        # Sub-records through the mapping's own row builders: a column added there is written here.
        trainings += [_values(training_row(t), person_id=pid) for t in p.trainings]
        contracts += [_values(contract_row(c), person_id=pid) for c in p.contracts]
    problems = [*_too_long(_table(PersonSkillRow), skills), *_too_long(_table(TrainingRow), trainings),
                *_too_long(_table(ContractRow), contracts)]
    if problems:
        raise ValidationError("Enregistrement refusé : un texte dépasse la longueur permise", problems)
    _insert(session, PersonRoleRow, roles, audit, returning_id=False)
    _insert(session, PersonSkillRow, skills, audit, returning_id=False)
    _insert(session, TrainingRow, trainings, audit, returning_id=True)
    _insert(session, ContractRow, contracts, audit, returning_id=True)
    actor = session.info.get(ACTOR_KEY, DEFAULT_ACTOR)
    for entry in audit:
        entry.update(actor=actor)
    audit_chain.append(session.connection(), audit)  # chained like every other entry
    return ids
