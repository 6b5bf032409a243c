"""Public names of a package loaded on first use (PEP 562).

Importing a package's problem records must not load OR-Tools (≈ 75 MB with pandas): the
application's commands that never solve stay light. A package lists its public names and
the submodule of each; the type checker reads the same imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_attributes(package: str, names: dict[str, str], namespace: dict[str, Any]
                    ) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: imports the submodule of a public name on
    first use and keeps the value in ``namespace`` (the package's globals)."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value
        return value

    return __getattr__
