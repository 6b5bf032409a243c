"""What the parsers need to know of the stored data, handed in as plain domain objects.

The parsers stay pure (no database): the import service builds a `Directory` from the
repositories and the parsers resolve people and territories through it. Tests build one
by hand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time

from sas_roster.domain.calendar import ContinuityDay, continuity_day
from sas_roster.domain.demand import Territory
from sas_roster.domain.enums import Role
from sas_roster.domain.person import Person
from sas_roster.domain.settings import WEEKDAY_NAMES_FR, AssociationSettings, TimeRange

from .values import CellError, fold


def name_key(last_name: str | None, first_name: str | None) -> str:
    return f"{fold(last_name or '')}|{fold(first_name or '')}"


@dataclass
class Directory:
    persons: list[Person] = field(default_factory=list)
    territories: list[Territory] | None = None  # None: territories are not checked
    # Opening hours, holiday zone and bridge days: the default span of a CPTS on-call day.
    settings: AssociationSettings = field(default_factory=lambda: AssociationSettings(name=""))

    def __post_init__(self) -> None:
        self._by_rpps = {p.rpps: p for p in self.persons if p.rpps}
        self._by_email: dict[str, list[Person]] = defaultdict(list)
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        for p in self.persons:
            if p.email:
                self._by_email[p.email.strip().lower()].append(p)
            self._by_name[name_key(p.last_name, p.first_name)].append(p)

    # ------------------------------------------------------------------ people

    def by_rpps(self, rpps: str) -> Person | None:
        return self._by_rpps.get(rpps)

    def by_email(self, email: str) -> list[Person]:
        return list(self._by_email.get(email.strip().lower(), []))

    def by_name(self, last_name: str, first_name: str) -> list[Person]:
        return list(self._by_name.get(name_key(last_name, first_name), []))

    def person_by_rpps(self, rpps: str) -> Person:
        found = self.by_rpps(rpps)
        if found is None:
            raise CellError(f"aucune personne enregistrée avec le RPPS {rpps} (importez d'abord les membres)")
        return found

    def person_without_rpps(self, email: str | None, last_name: str | None, first_name: str | None) -> Person:
        """An operator found by e-mail, or by last and first name when the e-mail is empty."""
        if email:
            found = self.by_email(email)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise CellError(f"plusieurs personnes ont l'e-mail {email} : indiquez le RPPS")
            raise CellError(f"aucune personne enregistrée avec l'e-mail {email}")
        if last_name and first_name:
            found = self.by_name(last_name, first_name)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise CellError(f"plusieurs personnes s'appellent {first_name} {last_name} : indiquez le RPPS ou l'e-mail")
            raise CellError(f"aucune personne enregistrée au nom de {first_name} {last_name}")
        raise CellError("personne non identifiée : indiquez le RPPS, l'e-mail, ou le nom et le prénom")

    # ------------------------------------------------------------------ territories

    def territory_code(self, raw: str) -> str:
        """The stored code of a territory typed as its code or its name."""
        if self.territories is None:
            return raw.strip()
        key = fold(raw)
        for t in self.territories:
            if key in (fold(t.code), fold(t.name)):
                return t.code
        if not self.territories:
            raise CellError(f"territoire « {raw} » inconnu : aucun territoire enregistré ; décrivez d'abord "
                            "l'association (assistant de la fenêtre, ou sas-roster settings import FICHIER)")
        known = ", ".join(t.code for t in self.territories)
        raise CellError(f"territoire « {raw} » inconnu (territoires connus : {known})")

    def oncall_hours(self, day: date) -> tuple[TimeRange | None, str]:
        """The effectors' continuity hours of `day`, or None and the French reason there are none."""
        found = continuity_day(self.settings, day)
        if isinstance(found, ContinuityDay):
            span = found.hours.get(Role.EFFECTOR)
            if span is not None:
                return span, ""
            return None, "pas d'heures d'ouverture pour les effecteurs"
        if found is None:
            return None, WEEKDAY_NAMES_FR[day.weekday()]
        return None, found.reason


def whole_day() -> TimeRange:
    """Empty start and end mean the whole day; a `time` cannot say 24:00, so 23:59."""
    return TimeRange(time(0), time(23, 59))
