"""Small shared pieces of the rule dataclasses: normalisation and JSON helpers.

Rule dataclasses accept lists or tuples for their sequence fields (JSON gives lists)
and normalise them to tuples in ``__post_init__``, so that a problem read back from
JSON compares equal to the one that was written.
"""

from __future__ import annotations

import dataclasses
from typing import Any

HARD = None
"""A rule whose ``weight`` is ``None`` is hard: it is never broken."""


def opt_tuple(values: Any) -> tuple[Any, ...] | None:
    """``None`` stays ``None`` (meaning "all"); any iterable becomes a tuple."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        return (values,)
    return tuple(values)


def plain(obj: Any) -> Any:
    """Dataclass → JSON-ready value (tuples become lists, nested dataclasses dicts)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    return obj


def build(cls: type, data: dict[str, Any]) -> Any:
    """Inverse of :func:`plain` for a flat rule dataclass (unknown keys rejected)."""
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return cls(**data)
