"""Use cases on the charte d'adressage: read a territory's ordered levels, replace them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.addressing import AddressingLevel, LevelKind
from ..domain.errors import NotFoundError, Problem
from ..persistence.models import AddressingLevelRow, TerritoryRow
from .base import ServiceBase, refuse


def _to_domain(row: AddressingLevelRow) -> AddressingLevel:
    return AddressingLevel(row.territory.code, row.rank, row.kind, row.label, row.phone, row.note, row.id)


class AddressingService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)

    def charters(self) -> dict[str, list[AddressingLevel]]:
        """Every territory's charter (territory code → levels by rank); a territory without
        levels is absent."""
        with self._sessions() as s:
            rows = s.scalars(select(AddressingLevelRow).join(AddressingLevelRow.territory)
                             .order_by(TerritoryRow.code, AddressingLevelRow.rank))
            found: dict[str, list[AddressingLevel]] = {}
            for row in rows:
                found.setdefault(row.territory.code, []).append(_to_domain(row))
            return found

    def charter(self, territory: str) -> list[AddressingLevel]:
        return self.charters().get(territory, [])

    def save_charter(self, territory: str, levels: Sequence[AddressingLevel],
                     actor: str | None = None) -> list[AddressingLevel]:
        """The territory's charter becomes `levels`, in the order given (ranks renumbered 1, 2 …)."""
        problems: list[Problem] = []
        for i, level in enumerate(levels, 1):
            if level.kind is LevelKind.OTHER and not level.label.strip():
                problems.append(Problem("un recours « autre » doit avoir un libellé", i, "libellé"))
            if len(level.phone) > 40:
                problems.append(Problem("numéro de téléphone trop long", i, "téléphone"))
        if sum(1 for lv in levels if lv.kind is LevelKind.ONCALL) > 1:
            problems.append(Problem("l'effecteur d'astreinte ne peut figurer qu'une fois", None, "niveau"))
        refuse(f"Charte d'adressage du territoire « {territory} » refusée : rien n'a été enregistré", problems)
        with self._tx(actor) as s:
            terr = s.scalars(select(TerritoryRow).where(TerritoryRow.code == territory)).first()
            if terr is None:
                raise NotFoundError(f"Territoire « {territory} » inconnu")
            for row in list(s.scalars(select(AddressingLevelRow).where(AddressingLevelRow.territory_id == terr.id))):
                s.delete(row)
            s.flush()
            rows = [AddressingLevelRow(territory_id=terr.id, rank=i, kind=lv.kind, label=lv.label.strip(),
                                       phone=lv.phone.strip(), note=lv.note.strip())
                    for i, lv in enumerate(levels, 1)]
            s.add_all(rows)
            s.flush()
            for row in rows:
                s.refresh(row)
            return [_to_domain(r) for r in rows]
