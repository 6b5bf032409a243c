"""The options of a solve (:class:`~solver.core.loop.SolveLoop`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SolveOptions:
    time_limit: float = 60.0
    """Wall-clock seconds for the whole solve; always enforced."""
    num_workers: int = 2
    random_seed: int = 0
    deterministic: bool = False
    """Same roster for the same seed and worker count: CP-SAT runs with
    ``interleave_search`` and every budget is counted in deterministic time
    (``deterministic_limit``, default = ``time_limit``), the wall-clock limit staying as
    a safety net (if it is reached first, the run is not reproducible)."""
    deterministic_limit: float | None = None
    hint: list[Any] | None = None
    """Warm start: a roster (core assignments) CP-SAT starts from (need not be feasible)."""
    lp_level: int | None = None
    """CP-SAT ``linearization_level`` of the full solves (None: CP-SAT's default)."""
    subsolvers: tuple[str, ...] = ()
    """Extra CP-SAT full subsolvers of the full solves (e.g. ``max_lp``)."""
    parameters: dict[str, Any] | None = None
    """Extra CP-SAT parameters (name → value) of the full solves, for experiments."""
    level_share: float = 0.5
    """With several levels, most of the time one level but the last may use."""
    lns: bool = False
    lns_start: float = 0.05
    """Share of the time for the first full solve (more if no roster yet)."""
    lns_proof: float = 0.05
    """Share of the time kept for the final warm-started full solve."""
    lns_subsolve: float = 1.5
    """Budget (seconds, or deterministic units) of one LNS neighbourhood solve."""
    lns_lp_level: int = 2
    """``linearization_level`` of the LNS steps: with all clauses in the LP, CP-SAT
    closes small neighbourhoods an order of magnitude faster on rostering models."""
    lns_plateau: bool = True
    """LNS moves to an equally good roster when a step returns one."""
    lns_cutoff: bool = False
    """LNS steps look for a strictly better roster only (objective cut-off)."""
    lns_grow: float = 1.2
    lns_shrink: float = 0.85
    """Neighbourhood size factors after a step closed without gain / ran out of time."""
    priority: tuple[str, ...] = ()
    """Rule ids (prefixes of ``Violation.rule``, e.g. ``"coverage.under"``) minimised
    alone first, from which the full objective is then minimised. A heuristic order of
    search, not a lexicographic objective: the final objective is the full one."""
    lns_priority_share: float = 0.5
    lns_priority_bound: float = 0.03
    """Share of the time for a bound of the priority part, where its phase stops."""
    lns_priority_stall: float = 0.1
    """The priority phase ends after this share of the time without gain."""
    explain: bool = True
    explain_time_limit: float = 20.0
    log: bool = False
