"""Uniqueness where a duplicate is never legitimate; a département name that fits.

- one availability entry per (person, day, start, end, kind);
- one PDSA duty per (person, start);
- one assignment per (roster, person, day, start, end, template) — CPTS rota lines are
  assignments too;
- ``association_settings.department`` widened from 10 to 120 characters (the demo's
  "Val-de-Brenne (département fictif)" was refused by PostgreSQL, accepted by SQLite).

Existing duplicates are not removed silently: the migration stops before changing anything
and says in French which entries to fix (by person number and date, never by name).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sas_roster.domain.errors import DomainError, Problem

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, table, columns, what a duplicate is called, columns shown to say which one)
UNIQUE = (
    ("uq_availability_entries_slot", "availability_entries", ["person_id", "day", "start", "end", "kind"],
     "disponibilité en double", ["person_id", "day", "start", "end"]),
    ("uq_pdsa_duties_person_start", "pdsa_duties", ["person_id", "start"],
     "garde PDSA en double", ["person_id", "start"]),
    ("uq_assignments_shift", "assignments", ["roster_id", "person_id", "day", "start", "end", "template_code"],
     "affectation en double", ["roster_id", "person_id", "day", "start"]),
)
_SHOWN = 10  # duplicates listed per table; the count says how many there are in all


def duplicates(bind: sa.engine.Connection) -> list[Problem]:
    """Every group of rows the new constraints would refuse, as French problems."""
    problems: list[Problem] = []
    for _name, table, columns, label, shown in UNIQUE:
        cols = ", ".join(f'"{c}"' for c in columns)
        groups = bind.execute(sa.text(
            f"SELECT {', '.join(chr(34) + c + chr(34) for c in shown)}, COUNT(*) FROM {table} "
            f"GROUP BY {cols} HAVING COUNT(*) > 1 ORDER BY 1, 2")).fetchall()
        for g in groups[:_SHOWN]:
            where = ", ".join(f"{_FR.get(c, c)} {v}" for c, v in zip(shown, g[:-1], strict=True))
            problems.append(Problem(f"{label} ({g[-1]} fois) : {where}"))
        if len(groups) > _SHOWN:
            problems.append(Problem(f"… et {len(groups) - _SHOWN} autre(s) {label}"))
    return problems


_FR = {"person_id": "personne n°", "day": "le", "start": "début", "end": "fin", "roster_id": "planning n°"}


def upgrade() -> None:
    bind = op.get_bind()
    problems = duplicates(bind)
    if problems:
        raise DomainError(
            "La mise à jour de la base a été arrêtée, rien n'a été modifié : des entrées en double "
            "doivent d'abord être corrigées (supprimez les doublons dans l'application ou "
            "réimportez le fichier concerné avec la version précédente, puis relancez) :",
            problems,
        )
    for name, table, columns, _label, _shown in UNIQUE:
        op.create_index(name, table, columns, unique=True)
    with op.batch_alter_table("association_settings") as batch:
        batch.alter_column("department", existing_type=sa.String(10), type_=sa.String(120),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.alter_column("department", existing_type=sa.String(120), type_=sa.String(10),
                           existing_nullable=False)
    for name, table, _columns, _label, _shown in reversed(UNIQUE):
        op.drop_index(name, table_name=table)
