"""Commands that neither solve nor write documents stay light: assembling the command line
and opening a database at the current schema load neither OR-Tools (with pandas, ≈ 75 MB),
nor ReportLab, nor Alembic. The 20 000-row members import owes its memory figure to this
(docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("ortools", "pandas", "reportlab", "alembic", "solver.core.model")

_PROBE = """
import json, sys
import main
from sas_roster.cli import build_parser
parser, table = build_parser(main._command_groups())
args = parser.parse_args(["--db", sys.argv[1], "import", "members", "x.xlsx"])
from sas_roster.cli import CliContext
services = CliContext(db_url=args.db, user=None).services()
services.persons.list()
print(json.dumps({name: name in sys.modules for name in %r}))
""" % (HEAVY,)


def test_an_import_command_loads_no_solver_no_pdf_no_migration_tool(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'assoc.db'}"
    from sas_roster.persistence import upgrade_database

    upgrade_database(url)  # the association exists already, at the current schema
    done = subprocess.run([sys.executable, "-c", _PROBE, url], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {name: False for name in HEAVY}
