"""The pools as a Qt table: one row per person, and a proxy that filters by role, status,
territory, activity and free text, and sorts each column by its real value."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from sas_roster.domain.enums import PersonStatus, Role
from sas_roster.domain.person import Person

from .. import labels
from ..i18n import N_, _

PERSON_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    ("last_name", N_("Nom")),
    ("first_name", N_("Prénom")),
    ("roles", N_("Rôles")),
    ("status", N_("Statut")),
    ("rpps", N_("RPPS")),
    ("territory", N_("Territoire")),
    ("sector", N_("Secteur")),
    ("phone", N_("Téléphone")),
    ("commitment", N_("Engagement mensuel")),
    ("active", N_("Activité")),
)
COLUMN_KEYS = tuple(key for key, _title in COLUMNS)
INACTIVE_TEXT = QColor("#8a8a8a")


def commitment_text(p: Person) -> str:
    parts = []
    if p.monthly_max_shifts is not None:
        parts.append(_("{n} vacations max.").format(n=p.monthly_max_shifts))
    if p.monthly_max_hours is not None:
        parts.append(_("{n} h max.").format(n=p.monthly_max_hours))
    if p.quota is not None:
        parts.append(_("quota {n} h/an").format(n=p.quota.yearly_hours))
    return ", ".join(parts)


def active_text(p: Person) -> str:
    if p.pseudonymised:
        return _("anonymisé")
    if not p.active:
        return _("inactif depuis le {date}").format(date=labels.short_date(p.active_until)) if p.active_until \
            else _("inactif")
    if p.active_until:
        return _("actif jusqu'au {date}").format(date=labels.short_date(p.active_until))
    return _("actif")


class PersonTableModel(QAbstractTableModel):
    def __init__(self, persons: list[Person] | None = None, territory_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self._persons: list[Person] = list(persons or [])
        self._territories = dict(territory_names or {})

    def set_persons(self, persons: list[Person], territory_names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._persons = list(persons)
        if territory_names is not None:
            self._territories = dict(territory_names)
        self.endResetModel()

    def person(self, row: int) -> Person:
        return self._persons[row]

    def row_of(self, person_id: int) -> int | None:
        return next((i for i, p in enumerate(self._persons) if p.id == person_id), None)

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._persons)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._persons[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, key)
        if role == SORT_ROLE:
            return self._sort_value(p, key)
        if role == PERSON_ROLE:
            return p
        if role == Qt.ItemDataRole.ForegroundRole and not p.active:
            return INACTIVE_TEXT
        if role == Qt.ItemDataRole.ToolTipRole and key == "territory" and p.territory:
            return self._territories.get(p.territory, p.territory)
        return None

    def _text(self, p: Person, key: str) -> str:
        if key == "roles":
            return labels.roles(p.roles)
        if key == "status":
            return labels.status(p.status)
        if key == "sector":
            return labels.sector(p.sector)
        if key == "commitment":
            return commitment_text(p)
        if key == "active":
            return active_text(p)
        return getattr(p, key) or ""

    def _sort_value(self, p: Person, key: str):
        if key == "active":
            return (0 if p.active else 1, p.last_name.casefold())
        if key == "commitment":
            return p.monthly_max_shifts if p.monthly_max_shifts is not None else -1
        return self._text(p, key).casefold()


ANY = None


class PersonFilterProxy(QSortFilterProxyModel):
    """Filters of the pools table. A filter left to None lets every person through."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.role: Role | None = ANY
        self.status: PersonStatus | None = ANY
        self.territory: str | None = ANY
        self.active: bool | None = True
        self.text = ""

    def set_filters(self, *, role=ANY, status=ANY, territory=ANY, active: bool | None = True, text: str = "") -> None:
        self.role, self.status, self.territory, self.active = role, status, territory, active
        self.text = text.strip().casefold()
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        p: Person = self.sourceModel().person(source_row)
        if self.role is not None and self.role not in p.roles:
            return False
        if self.status is not None and p.status is not self.status:
            return False
        if self.territory is not None and p.territory != self.territory:
            return False
        if self.active is not None and p.active != self.active:
            return False
        if self.text:
            haystack = " ".join(filter(None, (p.last_name, p.first_name, p.rpps, p.email, p.phone))).casefold()
            if self.text not in haystack:
                return False
        return True

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
