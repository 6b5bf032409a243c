"""Withdrawals on a published month: successive ones never put anyone back on a slot she
withdrew from, every hour they leave uncovered is reported; a solve store killed half-way
leaves the database as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from sas_roster.demo.loader import load_demo
from sas_roster.domain.enums import Role
from sas_roster.services import Services
from sas_roster.services.month_view import month_state

TODAY = date(2027, 4, 12)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("withdrawals") / "demo.db"
    with Services.open(f"sqlite:///{path}") as services:
        load_demo(services, TODAY)
    return path


@pytest.fixture
def published(demo_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    with Services.open(f"sqlite:///{path}") as s:
        job = s.solving.prepare(2027, 5, time_limit=5.0, deterministic=True)
        s.solving.store(job, job.run(), actor="coord")
        s.rosters.publish(2027, 5, actor="coord")
        yield s


def _holders(services, day, code):
    return {a.person_id for a in services.rosters.assignments(2027, 5) if a.day == day and a.template_code == code}


def _withdraw(services, person_id, day, code):
    job = services.solving.prepare_withdrawal(2027, 5, person_id, day, code, time_limit=4.0)
    return services.solving.store_withdrawal(job, job.run(), "désistement", actor="coord")


def test_successive_withdrawals_never_put_anyone_back_and_report_every_gap(published):
    s = published
    first = next(a for a in s.rosters.assignments(2027, 5) if a.role is Role.REGULATOR and not a.pinned)
    day, code = first.day, first.template_code
    withdrawn = {first.person_id}
    outcome = _withdraw(s, first.person_id, day, code)
    for _ in range(3):  # whoever takes the slot withdraws in turn
        holders = _holders(s, day, code)
        assert not holders & withdrawn, "a person was put back on a slot she withdrew from"
        state = month_state(s, 2027, 5)
        # Every uncovered hour of the month is in the outcome, with its explanation.
        reported = {(g.role, g.day, g.hour, g.territory): g.missing for g in outcome.gaps}
        shown = {(g.role.value, g.day.isoformat(), g.hour, g.territory): g.missing for g in state.gaps}
        assert reported == shown
        assert all(g.explanation for g in outcome.gaps)
        takers = [p for p in holders if p not in withdrawn]
        if not takers:
            # Nobody could take it: the hole is reported as new, and explained.
            assert any(g.new and g.day == day.isoformat() for g in outcome.gaps)
            break
        withdrawn.add(takers[0])
        outcome = _withdraw(s, takers[0], day, code)
    assert [c.action for c in s.amendments.changes(2027, 5)].count("withdraw") == len(withdrawn)
    assert s.rosters.version(2027, 5).number == 1  # nothing published yet


def _row_hashes(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: hashlib.sha256(repr(c.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()).encode()).hexdigest()
                for t in tables}


STORE = textwrap.dedent("""
    import sys
    from sas_roster.services import Services
    with Services.open(sys.argv[1]) as s:
        job = s.solving.prepare(2027, 5, time_limit=2.0)
        s.solving.store(job, job.run(), actor="coord")
""")


@pytest.mark.parametrize("point", ["solve.store.roster", "store.deleted", "store.inserted", "solve.store.written"])
def test_a_solve_store_killed_at_each_step_leaves_the_database_as_it_was(demo_file, tmp_path, point):
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    before = _row_hashes(path)
    env = {**os.environ, "SAS_ROSTER_FAULT": point}
    done = subprocess.run([sys.executable, "-c", STORE, f"sqlite:///{path}"], env=env, cwd=Path(__file__).parents[2],
                          capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert _row_hashes(path) == before
    # Without the fault, the same store does change the database (the check above can fail).
    env.pop("SAS_ROSTER_FAULT")
    done = subprocess.run([sys.executable, "-c", STORE, f"sqlite:///{path}"], env=env, cwd=Path(__file__).parents[2],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert _row_hashes(path)["assignments"] != before["assignments"]
