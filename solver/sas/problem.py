"""A SAS rostering problem: everything one solve needs, in one JSON file.

A problem file is what a coordinator attaches to a bug report, so it is
self-contained: the continuity days, templates, hourly demand, on-call demand,
people, their availability, PDSA duties, history, pins, reference roster, settings
and weights. See ``docs/solver-format.md``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .records import (EFFECTOR, KINDS, ONCALL, OSNP, REGULATOR, ROLES, STATUSES, Assignment,
                      Availability, ContinuityDay, HourDemand, OnCallDemand, PastShift,
                      PdsaDuty, Person, Record, Settings, Template, Territory, Weights)

FORMAT = "sas-roster/sas-problem"
VERSION = 1

# List fields of a problem and their record type, in file order.
LISTS: dict[str, type[Record]] = {
    "days": ContinuityDay,
    "templates": Template,
    "demand": HourDemand,
    "territories": Territory,
    "oncall": OnCallDemand,
    "people": Person,
    "availability": Availability,
    "pdsa": PdsaDuty,
    "history": PastShift,
    "pins": Assignment,
    "cpts_rota": Assignment,
    "reference": Assignment,
}


@dataclass
class SasProblem:
    days: list[ContinuityDay]
    templates: list[Template]
    people: list[Person]
    demand: list[HourDemand] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    oncall: list[OnCallDemand] = field(default_factory=list)
    availability: list[Availability] = field(default_factory=list)
    pdsa: list[PdsaDuty] = field(default_factory=list)
    history: list[PastShift] = field(default_factory=list)
    pins: list[Assignment] = field(default_factory=list)
    cpts_rota: list[Assignment] = field(default_factory=list)
    reference: list[Assignment] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    weights: Weights = field(default_factory=Weights)
    name: str = ""

    # -- look-ups --------------------------------------------------------------
    def person(self, person_id: str) -> Person:
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def template(self, code: str) -> Template:
        for t in self.templates:
            if t.code == code:
                return t
        raise KeyError(code)

    @property
    def first_day(self) -> date:
        return date.fromisoformat(min(d.date for d in self.days))

    @property
    def last_day(self) -> date:
        return date.fromisoformat(max(d.date for d in self.days))

    # -- checks ----------------------------------------------------------------
    def validate(self) -> None:
        """Raise ``ValueError`` with a French message naming the faulty record."""
        if not self.days:
            raise ValueError("Le problème ne contient aucun jour de continuité")
        dates = [d.date for d in self.days]
        if len(set(dates)) != len(dates):
            raise ValueError("Jour de continuité en double")
        day_set = set(dates)
        for d in self.days:
            for role, (a, b) in d.open.items():
                _check_role(role, f"jour {d.date}")
                if not a < b:
                    raise ValueError(f"jour {d.date} : horaires d'ouverture {role} invalides")
        codes = [t.code for t in self.templates]
        if len(set(codes)) != len(codes) or ONCALL in codes:
            raise ValueError("Codes de postes en double (ou réservé « astreinte »)")
        for t in self.templates:
            if t.role not in (REGULATOR, OSNP):
                raise ValueError(f"poste {t.code} : rôle « {t.role} » (régulateur ou OSNP)")
            if not t.start < t.end or t.end > 1440:
                raise ValueError(f"poste {t.code} : horaires invalides")
        ids = [p.id for p in self.people]
        if len(set(ids)) != len(ids):
            raise ValueError("Identifiants de personnes en double")
        terr = {t.code: t for t in self.territories}
        for p in self.people:
            for r in p.roles:
                _check_role(r, f"personne {p.id}")
            if p.status not in STATUSES:
                raise ValueError(f"personne {p.id} : statut inconnu « {p.status} »")
            if EFFECTOR in p.roles and p.territory not in terr:
                raise ValueError(f"personne {p.id} : effecteur sans territoire connu")
        people = {p.id: p for p in self.people}
        for i, h in enumerate(self.demand):
            _check_role(h.role, f"demand[{i}]")
            if h.day not in day_set or not 0 <= h.hour < 24 or h.required < 0 or h.priority < 0:
                raise ValueError(f"demand[{i}] : jour, heure, effectif ou priorité invalide")
        for i, o in enumerate(self.oncall):
            if o.territory not in terr or o.day not in day_set or o.count < 0:
                raise ValueError(f"oncall[{i}] : territoire ou jour inconnu")
        for i, av in enumerate(self.availability):
            if av.person not in people or av.kind not in KINDS or not av.start < av.end:
                raise ValueError(f"availability[{i}] : personne, type ou horaires invalides")
        for i, duty in enumerate(self.pdsa):
            if duty.person not in people or not duty.start < duty.end:
                raise ValueError(f"pdsa[{i}] : personne inconnue ou horaires invalides")
        for i, past in enumerate(self.history):
            if past.person not in people or past.day >= min(dates):
                raise ValueError(f"history[{i}] : personne inconnue ou jour non antérieur à l'horizon")
        for key in ("pins", "cpts_rota", "reference"):
            for i, fixed in enumerate(getattr(self, key)):
                self._check_assignment(fixed, f"{key}[{i}]", people, set(codes), day_set, terr)
        for i, line in enumerate(self.cpts_rota):
            if line.template != ONCALL or line.territory is None \
                    or not terr[line.territory].cpts_rota:
                raise ValueError(f"cpts_rota[{i}] : astreinte d'un territoire sans tour CPTS")

    @staticmethod
    def _check_assignment(a: Assignment, where: str, people: dict[str, Person], codes: set[str],
                          day_set: set[str], terr: dict[str, Territory]) -> None:
        if a.person not in people:
            raise ValueError(f"{where} : personne inconnue « {a.person} »")
        if a.day not in day_set:
            raise ValueError(f"{where} : {a.day} n'est pas un jour de continuité")
        p = people[a.person]
        if a.template == ONCALL:
            if a.territory not in terr or EFFECTOR not in p.roles or p.territory != a.territory:
                raise ValueError(f"{where} : astreinte hors du territoire de {p.label}")
        elif a.template not in codes:
            raise ValueError(f"{where} : poste inconnu « {a.template} »")
        if a.remote and not p.remote:
            raise ValueError(f"{where} : {p.label} n'est pas autorisé(e) à réguler à distance")

    # -- JSON ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "name": self.name}
        for key in LISTS:
            out[key] = [r.to_dict() for r in getattr(self, key)]
        out["settings"] = self.settings.to_dict()
        out["weights"] = self.weights.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SasProblem:
        data = dict(data)
        fmt = data.pop("format", FORMAT)
        version = data.pop("version", VERSION)
        if fmt != FORMAT or version > VERSION:
            raise ValueError(f"Fichier non reconnu : {fmt} version {version}")
        kwargs: dict[str, Any] = {key: [rec.from_dict(r) for r in data.pop(key, [])]
                        for key, rec in LISTS.items()}
        kwargs["settings"] = Settings.from_dict(data.pop("settings", {}))
        kwargs["weights"] = Weights.from_dict(data.pop("weights", {}))
        kwargs["name"] = data.pop("name", "")
        if data:
            raise ValueError(f"Champs inconnus dans le problème : {sorted(data)}")
        return cls(**kwargs)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> SasProblem:
        return cls.from_dict(json.loads(text))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SasProblem:
        with open(path, encoding="utf-8") as f:
            return cls.from_json(f.read())

    def save(self, path: str | os.PathLike[str]) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json(indent=1))


def _check_role(role: str, where: str) -> None:
    if role not in ROLES:
        raise ValueError(f"{where} : rôle inconnu « {role} »")
