"""What the roster page says about the engine's results, in the coordinator's words: names
instead of person numbers, shift labels ("Régulation après-midi 12h–16h") instead of codes
("REG-A"), dates in full ("mardi 4 mai 2027") instead of ISO, in the interface's language.

The engine reports in French with its own identifiers; these functions rebuild the text from
its structured results where it has them (a replacement's lists of changes), and otherwise
(an error message) replace the identifiers they recognise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from sas_roster.domain.demand import ShiftTemplate, Territory

from ... import labels
from ...i18n import _, ngettext


class Wording:
    """Names, shift labels and dates of one month's data (persons by id, templates, territories)."""

    def __init__(self, persons: Mapping[int, object], templates: Iterable[ShiftTemplate],
                 territories: Iterable[Territory] = ()) -> None:
        self.persons = persons
        self.templates = {t.code: t for t in templates}
        self.territories = {t.code: t for t in territories}

    def name(self, person_id) -> str:
        try:
            p = self.persons.get(int(person_id))
        except (TypeError, ValueError):
            p = None
        return getattr(p, "display_name", None) or _("personne n° {id}").format(id=person_id)

    def shift(self, code: str, territory: str | None = None, remote: bool = False) -> str:
        if territory is not None:
            t = self.territories.get(territory)
            return _("astreinte {territory}").format(territory=t.name if t else territory)
        t = self.templates.get(code)
        text = f"{t.label} {labels.hour(t.start)}–{labels.hour(t.end)}" if t else code
        return text + (" " + _("à distance") if remote else "")

    @staticmethod
    def day(value) -> str:
        return labels.long_date(value if isinstance(value, date) else date.fromisoformat(str(value)))

    def replacement(self, result, explanations: Iterable[str] = ()) -> str:
        """A cancellation's re-solve: who cancels, who takes what, who leaves what."""

        def line(template: str, a) -> str:
            return template.format(name=self.name(a.person), day=self.day(a.day),
                                   shift=self.shift(a.template, a.territory, a.remote))

        lines = [line(_("Annulation de {name} : {shift}, {day}"), a) for a in result.cancelled]
        others = [a for a in result.removed if a not in result.cancelled]
        lines += [line(_("  + {name} prend {shift}, {day}"), a) for a in result.added]
        lines += [line(_("  - {name} quitte {shift}, {day}"), a) for a in others]
        if not result.added:
            lines.append(_("  Personne ne peut remplacer :"))
            lines += [f"  {text}" for text in explanations]
        lines.append(ngettext("{n} changement, annulation comprise.", "{n} changements, annulation comprise.",
                              result.changes).format(n=result.changes))
        return "\n".join(lines)

    def humanise(self, message: str) -> str:
        """An engine message with its identifiers replaced: 'personne 66' → the name, a shift
        code → its label, an ISO date → the date in full."""
        message = re.sub(r"\bpersonne (?:n° )?(\d+)\b", lambda m: self.name(m.group(1)), message)
        message = re.sub(r"^(\d+)(?= n'a pas de poste)", lambda m: self.name(m.group(1)), message)
        message = re.sub(r"\b(\d{4}-\d{2}-\d{2})\b", lambda m: _safe_day(m.group(1)), message)
        if self.templates:
            codes = "|".join(re.escape(c) for c in sorted(self.templates, key=len, reverse=True))
            # "REG-A 12h–16h" (the rules give the hours) → "Régulation après-midi 12h–16h"
            message = re.sub(rf"(?<![\w-])({codes})(?![\w-])( \d{{1,2}}h(?:\d\d)?–\d{{1,2}}h(?:\d\d)?)?",
                             lambda m: self.templates[m.group(1)].label + m.group(2) if m.group(2)
                             else self.shift(m.group(1)), message)
        return message

    def violation(self, v):
        """A broken rule as the coordinator reads it (labels, not codes; English if chosen)."""
        from dataclasses import replace

        from ...engine_text import readable

        return replace(v, rule=readable(v.rule), message=readable(self.humanise(v.message)))


def _safe_day(iso: str) -> str:
    try:
        return Wording.day(iso)
    except ValueError:
        return iso
