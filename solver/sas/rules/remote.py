"""Remote regulation (régulation délocalisée): on-site or remote is a decision, made
by choosing a template or its remote twin. A remote-authorised regulator does at least
``remote_min_on_site_percent`` of his monthly regulation hours on site:
``(100 - share) × on-site minutes ≥ share × remote minutes``, per calendar month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import REGULATOR
from ..state import Reason

if TYPE_CHECKING:
    from ..context import Context
    from ..model import SasModel
    from ..state import RosterState

NAME = "Part minimale de régulation sur site"


Load = list[tuple[int, Any]]  # (minutes, assignment variable)


def _split(ctx: Context, keys: list[tuple[tuple[str, int, str], Any]]) -> tuple[Load, Load]:
    on: Load = []
    off: Load = []
    for (_, _, sid), var in keys:
        slot = ctx.slots[sid]
        if slot.role != REGULATOR or slot.oncall:
            continue
        (off if slot.remote else on).append((slot.minutes, var))
    return on, off


def add(sm: SasModel) -> None:
    """Part minimale sur site des régulateurs autorisés à distance."""
    ctx = sm.ctx
    share = ctx.settings.remote_min_on_site_percent
    if share <= 0:
        return
    by_person: dict[tuple[str, str], list[tuple[tuple[str, int, str], Any]]] = {}
    for key, var in sm.live.items():
        pid, d, sid = key
        if ctx.people[pid].remote and ctx.slots[sid].role == REGULATOR:
            by_person.setdefault((pid, ctx.iso[d][:7]), []).append((key, var))
    for (pid, month), items in sorted(by_person.items()):
        on, off = _split(ctx, items)
        if not off:
            continue
        expr = sum((100 - share) * m * v for m, v in on) - sum(share * m * v for m, v in off)
        enforce = sm.rm.hard("remote", NAME, sm.who(pid), (), f"au moins {share} % sur site "
                                                               f"en {month}")
        sm.rm.linear(expr >= 0, enforce)


def check(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    slot = ctx.slots[sid]
    share = ctx.settings.remote_min_on_site_percent
    if not slot.remote or share <= 0:
        return []
    days = ctx.months[ctx.iso[d][:7]]
    reg = state.minutes(pid, days, lambda s: s.role == REGULATOR and not s.oncall)
    remote = state.minutes(pid, days, lambda s: s.remote) + slot.minutes
    onsite = reg + slot.minutes - remote
    if (100 - share) * onsite < share * remote:
        return [Reason("remote", NAME, f"pas assez d'heures sur site ce mois-ci "
                                       f"({share} % minimum)")]
    return []
