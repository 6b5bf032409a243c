"""Rights checked before a use case starts its work (the flush guard checks them again at the
end, on every table written, for every path).

The facade calls `guard_services(self)` once: every public method of its services that takes
an ``actor`` (the convention for a writing use case), plus the few listed in `EXTRA_WRITERS`,
is wrapped with a check of the service's area (`SERVICE_AREAS`). A service a later change
adds is covered for read-only accounts at once (nothing that writes is theirs) and for the
other roles by the flush guard until it is listed here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ..domain.accounts import Area
from ..domain.errors import PermissionDenied
from .base import ServiceBase

# Service attribute on the facade → the area all its writing methods change. Services that
# write in several areas (settings: planning and rates; users: own password) are left to the
# flush guard.
SERVICE_AREAS: dict[str, Area] = {
    "persons": Area.PLANNING, "availability": Area.PLANNING, "pdsa": Area.PLANNING, "rosters": Area.PLANNING,
    "amendments": Area.PLANNING, "solving": Area.PLANNING, "attendance": Area.FINANCE, "claims": Area.FINANCE,
    "budget": Area.FINANCE,
    "registry": Area.REGISTRY,
}
NOT_WRAPPED = {"users", "settings", "audit", "audit_view", "history", "data_protection"}
# Writing steps that take no actor themselves (they prepare the work a later step stores).
EXTRA_WRITERS: dict[str, set[str]] = {"solving": {"prepare", "prepare_withdrawal"}}


def require_write(facade: ServiceBase, area: Area | None) -> None:
    """PermissionDenied (French) unless the signed-in user may change `area` (None: anything
    at all). Single-user mode (no account) allows everything."""
    user = facade.current_user
    if user is None:
        if not facade.single_user:  # type: ignore[attr-defined]
            raise PermissionDenied(
                "Connexion requise : cette base a des comptes utilisateurs, connectez-vous pour modifier les données."
            )
        return
    allowed = user.active and (any(user.can_write(a) for a in Area) if area is None else user.can_write(area))
    if not allowed:
        what = area.label_fr if area is not None else "aucune donnée"
        raise PermissionDenied(
            f"Action refusée : le compte « {user.name} » ({user.roles_fr}) ne peut pas modifier {what}. "
            "Rien n'a été enregistré."
        )


def _writers(name: str, service: object) -> list[str]:
    out = []
    for attr, fn in inspect.getmembers(service, lambda v: inspect.ismethod(v) or inspect.isfunction(v)):
        if attr.startswith("_"):
            continue
        try:
            takes_actor = "actor" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            continue
        if takes_actor or attr in EXTRA_WRITERS.get(name, set()):
            out.append(attr)
    return out


def _checked(method: Callable[..., Any], facade: ServiceBase, area: Area | None) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        require_write(facade, area)
        return method(*args, **kwargs)

    return call


def guard_services(facade: ServiceBase) -> None:
    """Wrap the writing methods of every service the facade holds (see module docstring)."""
    for name, service in list(vars(facade).items()):
        if name.startswith("_") or name in NOT_WRAPPED or not type(service).__module__.startswith(__package__ or "-"):
            continue  # the engine, the session factory, repositories of other packages
        area = SERVICE_AREAS.get(name)
        for attr in _writers(name, service):
            setattr(service, attr, _checked(getattr(service, attr), facade, area))
