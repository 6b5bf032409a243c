"""Solving a month, and re-solving it after a withdrawal: the one use case the window and
the command line both call.

Three steps, so that the long part can leave the GUI thread (STYLE.md, Threading):

* **prepare** (main thread, reads the database): refuses at once a month that cannot be
  solved (published or validated), builds the immutable solver problem;
* **run** (any thread): only the problem and the engine — progress callback, cancel, time
  limit always set;
* **store** (main thread): one transaction — the roster row created if missing and every
  assignment written together, or nothing at all.

A withdrawal (`prepare_withdrawal` → `run` → `store_withdrawal`) works the same way on a
draft and, after publication, on the amendment's working copy; it is recorded, so that
every later re-solve keeps the person off the slot she withdrew from, and the outcome lists
every hour left uncovered, new or not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from solver import sas

from ..domain.enums import RosterStatus
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.roster import Assignment
from ..persistence.faults import checkpoint
from ..persistence.models import AssignmentRow, RosterChangeRow
from ..planning import MonthProblem, build_problem, current_solution, solver_assignment, to_domain_assignments
from .rosters import STATUS_FR, roster_row, store_working_copy

if TYPE_CHECKING:
    from .facade import Services

# What the engine hands back, re-exported so that callers need not import the engine.
Solution = sas.SasSolution
Progress = sas.Progress
ProgressCallback = Callable[[sas.Progress], None]


@dataclass
class SolveJob:
    """A month's solve, prepared: `run` may go to a worker thread, `cancel` from any thread."""

    month: MonthProblem
    before: list[Assignment]  # the stored assignments when prepared (undo)
    solver: sas.SasSolver

    def run(self, on_progress: ProgressCallback | None = None) -> Solution:
        return self.solver.solve(on_progress=on_progress)

    def cancel(self) -> None:
        self.solver.cancel()


@dataclass(frozen=True)
class Gap:
    role: str
    day: str
    hour: int | None
    territory: str | None
    missing: int
    explanation: str
    new: bool  # not uncovered before the withdrawal


@dataclass
class WithdrawalJob:
    month: MonthProblem
    before: list[Assignment]
    person_id: int
    day: date
    shift: str | None
    time_limit: float
    current: sas.SasSolution
    gaps_before: frozenset[tuple[str, str, int | None, str | None]]

    def run(self, on_progress: ProgressCallback | None = None) -> sas.Replacement:
        """The minimal re-solve (bounded by its time limit; not cancellable)."""
        try:
            return sas.replace(self.month.problem, self.current, str(self.person_id), self.day, self.shift,
                           time_limit=self.time_limit)
        except ValueError as exc:
            raise DomainError(str(exc)) from None


@dataclass(frozen=True)
class WithdrawalOutcome:
    cancelled: list[Assignment]  # what the person held and no longer holds
    added: list[Assignment]  # who took what
    removed: list[Assignment]  # other moves the re-solve made
    gaps: list[Gap]  # every uncovered hour of the month after it, `new` ones first
    message: str  # French summary (who withdrew, who replaces, what stays uncovered)
    stored: list[Assignment]

    @property
    def new_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.new]


class SolvingService:
    def __init__(self, services: Services) -> None:
        self._services = services

    # --- a month's solve --------------------------------------------------------------------

    def prepare(self, year: int, month: int, *, time_limit: float = 30.0, workers: int = 2,
                seed: int = 0, deterministic: bool = False) -> SolveJob:
        """Refuses a published or validated month before any work, then builds the problem."""
        self._require_draft(year, month)
        mp = build_problem(self._services, year, month)
        before = self._services.rosters.assignments(year, month)
        options = sas.SasOptions(time_limit=max(0.1, time_limit), num_workers=workers, seed=seed,
                                 deterministic=deterministic)
        return SolveJob(mp, before, sas.SasSolver(mp.problem, options))

    def store(self, job: SolveJob, solution: Solution, actor: str | None) -> list[Assignment]:
        """The solution becomes the month's draft (pinned and CPTS assignments stay), in one
        transaction."""
        if not solution.has_roster:
            raise DomainError("Le moteur n'a trouvé aucun planning à enregistrer")
        mp = job.month
        kept = {(a.person, a.day, a.template, a.territory) for a in mp.problem.pins + mp.problem.cpts_rota}
        fresh = [a for a in solution.assignments if (a.person, a.day, a.template, a.territory) not in kept]
        assignments = to_domain_assignments(self._services, mp, fresh)
        with self._services.transaction(actor) as s:
            roster = roster_row(s, mp.year, mp.month, create=True)
            checkpoint("solve.store.roster")
            if roster.status is not RosterStatus.DRAFT:
                raise ValidationError(self._refusal(mp.year, mp.month, roster.status, roster.version))
            store_working_copy(s, roster, assignments)
            checkpoint("solve.store.written")
        return self._services.rosters.assignments(mp.year, mp.month)

    # --- a withdrawal -----------------------------------------------------------------------

    def prepare_withdrawal(self, year: int, month: int, person_id: int, day: date, shift: str | None = None,
                           *, time_limit: float = 5.0) -> WithdrawalJob:
        """A withdrawal on a draft, or on a published month's amendment (not on a validated one)."""
        if (day.year, day.month) != (year, month):
            raise ValidationError(f"La date {day.isoformat()} n'est pas dans le mois {year:04d}-{month:02d}")
        roster = self._services.rosters.get(year, month)
        if roster is None or not roster.assignments:
            raise NotFoundError(f"Aucun planning enregistré pour {year:04d}-{month:02d} : calculez-le d'abord")
        if roster.status is RosterStatus.VALIDATED:
            raise ValidationError(self._refusal(year, month, roster.status, roster.version))
        held = [a for a in roster.assignments if a.person_id == person_id and a.day == day
                and (shift is None or a.template_code == shift)]
        if not held:
            from ..domain.calendar import day_fr

            what = f"le poste {shift}" if shift else "de poste"
            raise NotFoundError(f"Cette personne n'a pas {what} le {day_fr(day, True)}")
        mp = build_problem(self._services, year, month, with_reference=False)
        current = current_solution([a for a in roster.assignments if str(a.person_id) in mp.persons])
        engine_shift = solver_assignment(held[0]).template if shift is not None else None
        gaps = frozenset(_gap_key(u) for u in sas.evaluate_uncovered(mp.problem, current.assignments))
        return WithdrawalJob(mp, roster.assignments, person_id, day, engine_shift, time_limit, current, gaps)

    def store_withdrawal(self, job: WithdrawalJob, result: sas.Replacement, reason: str,
                         actor: str | None) -> WithdrawalOutcome:
        """Record the withdrawal and store the re-solved month, in one transaction: the
        person's cancelled shifts go even when pinned."""
        mp = job.month
        if not (reason or "").strip():
            reason = "désistement"
        cancelled_keys = {(a.day, a.template, a.territory) for a in result.cancelled}
        cancelled = [a for a in job.before if a.person_id == job.person_id
                     and (solver_assignment(a).day, solver_assignment(a).template,
                          solver_assignment(a).territory) in cancelled_keys]
        solution = result.solution
        with self._services.transaction(actor) as s:
            roster = roster_row(s, mp.year, mp.month, create=False)
            if roster.status is RosterStatus.VALIDATED:
                raise ValidationError(self._refusal(mp.year, mp.month, roster.status, roster.version))
            s.add(RosterChangeRow(roster_id=roster.id, at=datetime.now(UTC), actor=actor or "", action="withdraw",
                                  person_id=job.person_id, day=job.day,
                                  template_code=cancelled[0].template_code if job.shift and cancelled else None,
                                  reason=reason.strip()))
            s.flush()
            checkpoint("withdraw.recorded")
            gone = {r.id for r in s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id))
                    if r.id in {a.id for a in cancelled}}
            if solution.has_roster:
                kept = {(a.person, a.day, a.template, a.territory) for a in mp.problem.pins + mp.problem.cpts_rota
                        if a not in set(result.cancelled)}
                fresh = [a for a in solution.assignments if (a.person, a.day, a.template, a.territory) not in kept]
                store_working_copy(s, roster, to_domain_assignments(self._services, mp, fresh), remove_ids=gone)
            else:
                for row in s.scalars(select(AssignmentRow).where(AssignmentRow.id.in_(gone))):
                    s.delete(row)
            checkpoint("withdraw.stored")
        stored = self._services.rosters.assignments(mp.year, mp.month)
        after = sas.evaluate_uncovered(mp.problem, [solver_assignment(a) for a in stored
                                                    if str(a.person_id) in mp.persons])
        gaps = sorted((Gap(u.role, u.day, u.hour, u.territory, u.missing, u.explanation,
                           _gap_key(u) not in job.gaps_before) for u in after),
                      key=lambda g: (not g.new, g.day, g.hour or 0, g.role))
        message = result.message(mp.problem)
        new = [g for g in gaps if g.new]
        if new:
            message += "\n" + "\n".join(["Heures laissées sans personne par ce désistement :"]
                                        + [f"  {g.explanation}" for g in new])
        before_keys = {a.key() for a in job.before}
        after_keys = {a.key() for a in stored}
        return WithdrawalOutcome(
            cancelled=cancelled,
            added=[a for a in stored if a.key() not in before_keys],
            removed=[a for a in job.before if a.key() not in after_keys and a not in cancelled],
            gaps=gaps, message=message, stored=stored)

    # --- who can take one slot -------------------------------------------------------------

    @staticmethod
    def candidates(month: MonthProblem, assignments: list[Assignment], day: date, shift: str | None,
                   territory: str | None = None) -> list[sas.Candidate]:
        """Who can take `shift` (a template code; None: the on-call duty of `territory`) on
        `day` given the rest of the roster, best first, with the French reasons of those
        who cannot."""
        return sas.rank_candidates(month.problem, current_solution(assignments), day,
                               shift if shift is not None else sas.ONCALL, territory)

    # --- helpers ----------------------------------------------------------------------------

    def _require_draft(self, year: int, month: int) -> None:
        roster = self._services.rosters.get(year, month, with_assignments=False)
        if roster is not None and roster.status is not RosterStatus.DRAFT:
            raise ValidationError(self._refusal(year, month, roster.status, roster.version))

    @staticmethod
    def _refusal(year: int, month: int, status: RosterStatus, version: int) -> str:
        label = f"{year:04d}-{month:02d}"
        if status is RosterStatus.PUBLISHED:
            return (f"Le planning {label} est publié (version {version}) : il ne se recalcule plus. "
                    f"Passez par un avenant : « amend {label} withdraw … » pour un désistement, "
                    f"« amend {label} assign|unassign … » pour un changement.")
        return (f"Le planning {label} est {STATUS_FR[status]} : rouvrez-le en brouillon pour le recalculer, "
                "ou publiez-le.")


def _gap_key(u: sas.Uncovered) -> tuple[str, str, int | None, str | None]:
    return (u.role, u.day, u.hour, u.territory)
