"""A CPTS's own on-call rota → fixed effector `Assignment`s (`fixed_by_cpts=True`).

One row = one territory, one day, one effector (by RPPS). Without start and end the duty
spans the effectors' continuity hours of that day (association settings: opening hours,
public holidays of its zone, bridge days). A day outside continuity (Sunday, public
holiday, bridge) is skipped with a note, not refused: CPTS rotas often list every day.
A row for a territory whose on-call effectors the association rosters itself (its CPTS
does not send a rota) is refused: keeping it would double the territory's on-call.
"""

from __future__ import annotations

from collections import defaultdict

from sas_roster.domain.demand import RotaSource
from sas_roster.domain.enums import Role
from sas_roster.domain.errors import Problem
from sas_roster.domain.roster import Assignment
from sas_roster.domain.settings import TimeRange

from .columns import NOM, RPPS, ImportKind
from .directory import Directory
from .parsing import Line, ParseResult, RowReader, check_name
from .reading import Table
from .values import read_date, read_rpps, read_time

TERRITORY, DATE, START, END = "Territoire", "Date", "Début", "Fin"
ONCALL_TEMPLATE = "astreinte"  # template code of every on-call effector duty


def parse_rota(table: Table, directory: Directory) -> ParseResult[Assignment]:
    result: ParseResult[Assignment] = ParseResult(ImportKind.ROTA, notes=list(table.notes))
    placed: dict[tuple, list[tuple[int, str, TimeRange]]] = defaultdict(list)
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        territory = r.get(TERRITORY, lambda v: directory.territory_code(str(v)), required=True)
        if territory is not None and directory.territories is not None:
            known = next((t for t in directory.territories if t.code == territory), None)
            if known is not None and known.rota_source is not RotaSource.CPTS:
                r.fail(TERRITORY, f"le territoire {known.code} ({known.name}) est planifié par "
                                  f"l'association : sa CPTS n'envoie pas de tour d'astreinte")
        day = r.get(DATE, read_date, required=True)
        rpps = r.get(RPPS, read_rpps, required=True)
        person = r.get(RPPS, lambda _: directory.person_by_rpps(rpps)) if rpps else None
        if person is not None:
            if r.has(NOM):
                check_name(r, NOM, person.last_name, rpps)  # type: ignore[arg-type]
            if Role.EFFECTOR not in person.roles:
                r.fail(RPPS, f"{person.display_name} n'a pas le rôle effecteur")
        span: TimeRange | None = None
        if day is not None and not r.failed:
            opening, reason = directory.oncall_hours(day)
            if opening is None:
                # CPTS rotas often list every day of the month: days outside continuity are
                # PDSA time, not an error in the file.
                result.notes.append(Problem(f"{day:%d/%m/%Y} hors continuité des soins ({reason}) : ligne ignorée",
                                            row.number, DATE))
                continue
            span = opening
        if not (r.blank(START) and r.blank(END)):
            start = r.get(START, read_time, required=True)
            end = r.get(END, lambda v: read_time(v, allow_24=True), required=True)
            if start and end:
                if end <= start:
                    r.fail(END, f"la fin ({end:%H:%M}) doit être après le début ({start:%H:%M})")
                else:
                    span = TimeRange(start, end)
        if r.failed or person is None or day is None or span is None or territory is None:
            continue
        assert person.id is not None
        clash = next(((n, t) for n, t, other in placed[(person.id, day)] if other.overlaps(span)), None)
        if clash is not None:
            r.fail(RPPS, f"{person.display_name} est déjà d'astreinte ({clash[1]}) le {day:%d/%m/%Y} sur ces heures "
                         f"(ligne {clash[0]} et ligne {row.number})")
            continue
        placed[(person.id, day)].append((row.number, territory, span))
        result.lines.append(Line(row.number, Assignment(
            person_id=person.id, day=day, template_code=ONCALL_TEMPLATE, role=Role.EFFECTOR,
            start=span.start, end=span.end, pinned=True, territory=territory, fixed_by_cpts=True,
        )))
    return result
