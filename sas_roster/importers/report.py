"""What an import did (or, in a dry run, would do), with its French summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sas_roster.domain.errors import Problem

from .columns import ImportKind


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural or singular + 's')}"


@dataclass
class ImportReport:
    kind: ImportKind
    file_name: str
    dry_run: bool = False
    lines: int = 0  # data rows read (blank rows left out)
    created: int = 0  # members: persons created
    updated: int = 0  # members: persons updated
    unchanged: int = 0  # members: rows identical to the stored person
    added: int = 0  # availability entries, duties or on-call duties written
    kept: int = 0  # identical entries already stored, left untouched
    replaced: int = 0  # stored entries removed because the file covers their days
    persons: int = 0  # distinct persons concerned
    first_day: date | None = None
    last_day: date | None = None
    territories: tuple[str, ...] = ()
    notes: list[Problem] = field(default_factory=list)  # harmless oddities (ignored column, skipped day)

    def summary(self) -> str:
        verb = "serai" if self.dry_run else ""
        head = ("Vérification sans enregistrement" if self.dry_run else "Import terminé") + (
            f" — {self.kind.label_fr} — « {self.file_name} » : {_n(self.lines, 'ligne')} lue{'s' if self.lines > 1 else ''}."
        )
        parts = [head, self._body(verb)]
        if self.first_day and self.last_day and self.kind is ImportKind.HISTORY:
            parts.append(f"Mois : de {self.first_day:%m/%Y} à {self.last_day:%m/%Y}.")
        elif self.first_day and self.last_day:
            parts.append(f"Période : du {self.first_day:%d/%m/%Y} au {self.last_day:%d/%m/%Y}.")
        if self.dry_run:
            parts.append("Rien n'a été enregistré : relancez sans --dry-run pour importer.")
        if self.notes:
            parts.append("Remarques :\n" + "\n".join(f"  - {n}" for n in self.notes))
        return "\n".join(parts)

    def _body(self, verb: str) -> str:
        # French conditional in a dry run ("seraient créées"), passé composé otherwise.
        def done(count: int, participle: str) -> str:
            if verb:
                aux = "serait" if count <= 1 else "seraient"
            else:
                aux = "a été" if count <= 1 else "ont été"
            return f"{aux} {participle}{'s' if count > 1 else ''}"

        if self.kind is ImportKind.MEMBERS:
            return (f"{_n(self.created, 'personne')} {done(self.created, 'créée')}, "
                    f"{self.updated} {done(self.updated, 'mise')} à jour, {self.unchanged} inchangée"
                    f"{'s' if self.unchanged > 1 else ''}.")
        singular, plural, participle = {
            ImportKind.AVAILABILITY: ("disponibilité", "disponibilités", "enregistrée"),
            ImportKind.PDSA: ("garde PDSA", "gardes PDSA", "enregistrée"),
            ImportKind.ROTA: ("astreinte CPTS", "astreintes CPTS", "fixée"),
            ImportKind.ACTIVITY: ("ligne d'activité", "lignes d'activité", "enregistrée"),
            ImportKind.HISTORY: ("mois d'heures antérieures", "mois d'heures antérieures", "enregistré"),
        }[self.kind]
        if self.kind is ImportKind.ACTIVITY:
            return self._activity_body(done)
        text = f"{_n(self.added, singular, plural)} {done(self.added, participle)} pour {_n(self.persons, 'personne')}"
        if self.territories:
            text += f" ({', '.join(self.territories)})"
        text += "."
        if self.replaced:
            text += f" {_n(self.replaced, 'ancienne entrée', 'anciennes entrées')} des mêmes jours {done(self.replaced, 'remplacée')}."
        if self.kept:
            text += f" {_n(self.kept, 'entrée identique', 'entrées identiques')} déjà présente{'s' if self.kept > 1 else ''} : conservée{'s' if self.kept > 1 else ''}."
        return text

    def _activity_body(self, done: Callable[[int, str], str]) -> str:
        lines = _n(self.added, "ligne d'activité", "lignes d'activité")
        text = f"{lines} {done(self.added, 'enregistrée')}"
        if self.territories:
            text += f" ({', '.join(self.territories)})"
        text += "."
        if self.replaced:
            text += f" {_n(self.replaced, 'ancienne ligne', 'anciennes lignes')} des mêmes périodes {done(self.replaced, 'remplacée')}."
        if self.kept:
            text += f" {_n(self.kept, 'ligne identique', 'lignes identiques')} déjà présente{'s' if self.kept > 1 else ''} : conservée{'s' if self.kept > 1 else ''}."
        return text
