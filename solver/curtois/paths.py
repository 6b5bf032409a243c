"""Where the benchmark files are, and the best values known for them."""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_VAR = "SAS_ROSTER_CURTOIS_DIR"
_REPO_ROOT = Path(__file__).resolve().parents[2]
_DEFAULT_DIRS = (_REPO_ROOT.parent / "shared" / "bench" / "curtois",
                 Path("/work/shared/bench/curtois"))

# From the data set README (published comparisons); used if the README is not found.
BEST_KNOWN = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1308,
              9: 439, 10: 4631, 11: 3443, 12: 4040}


def instance_dirs() -> list[Path]:
    dirs = []
    if os.environ.get(ENV_VAR):
        dirs.append(Path(os.environ[ENV_VAR]))
    dirs.extend(_DEFAULT_DIRS)
    return dirs


def resolve(spec: str) -> Path:
    """``"5"`` → ``…/Instance5.txt`` in the first benchmark folder holding it; anything
    else is a file path."""
    if spec.isdigit():
        for folder in instance_dirs():
            candidate = folder / f"Instance{int(spec)}.txt"
            if candidate.is_file():
                return candidate
        raise FileNotFoundError(
            f"Instance{spec}.txt introuvable (cherché dans : "
            f"{', '.join(str(d) for d in instance_dirs())} ; voir ${ENV_VAR})")
    path = Path(spec)
    if not path.is_file():
        raise FileNotFoundError(f"Fichier d'instance introuvable : {spec}")
    return path


def instance_number(path: Path) -> int | None:
    m = re.fullmatch(r"Instance(\d+)", path.stem)
    return int(m.group(1)) if m else None


def best_known(path: Path) -> int | None:
    """Best value known for ``InstanceN.txt``: from the README next to it if it has the
    table, else from the built-in copy."""
    number = instance_number(path)
    if number is None:
        return None
    readme = path.parent / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 5 and cells[0] == str(number) and cells[-1].isdigit():
                return int(cells[-1])
    return BEST_KNOWN.get(number)
