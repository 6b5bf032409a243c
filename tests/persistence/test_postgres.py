"""The same storage and services on a real PostgreSQL server, started for this module.

Needs the PostgreSQL server binaries (Debian: the ``postgresql`` package, installed by
scripts/setup). Skipped, with the reason, when they are missing. As root, the server runs
as the ``postgres`` system user (initdb refuses root).
"""

from __future__ import annotations

import dataclasses
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from itertools import count

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, select, text

from sas_roster.domain.enums import Role
from sas_roster.domain.errors import ValidationError
from sas_roster.persistence.base import Base
from sas_roster.persistence.engine import make_engine
from sas_roster.persistence.migrate import current_revision, downgrade_database, head_revision, upgrade_database
from sas_roster.services import Services

from . import samples, seed_0001

pytestmark = pytest.mark.postgres


def _binaries() -> tuple[str, str] | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True) + [""]:
        initdb = os.path.join(folder, "initdb") if folder else shutil.which("initdb")
        pg_ctl = os.path.join(folder, "pg_ctl") if folder else shutil.which("pg_ctl")
        if initdb and pg_ctl and os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """A throw-away server; yields the URL of its maintenance database."""
    found = _binaries()
    if found is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the 'postgresql' package")
    initdb, pg_ctl = found
    prefix: list[str] = []
    root = tempfile.mkdtemp(prefix="sas-roster-pg-")
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' system user to run the server")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and 'runuser' is missing to start the server as 'postgres'")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log = os.path.join(root, "data"), os.path.join(root, "server.log")
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    try:
        run(initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run(pg_ctl, "-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", data, "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


_numbers = count(1)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the module's server."""
    name = f"sas_roster_test_{next(_numbers)}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


def test_migrations_build_exactly_the_models_and_go_down_and_up(pg_url: str) -> None:
    assert upgrade_database(pg_url) is None  # no file, no backup
    e = make_engine(pg_url)
    try:
        with e.connect() as c:
            assert compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata) == []
        assert current_revision(e) == head_revision()
        downgrade_database(pg_url, "base")
        upgrade_database(pg_url)
        assert current_revision(e) == head_revision()
    finally:
        e.dispose()


def test_first_revision_to_head_keeps_every_row(pg_url: str) -> None:
    upgrade_database(pg_url, "0001")
    e = make_engine(pg_url)
    try:
        with e.begin() as c:
            seed_0001.seed(c)

        def dump() -> dict[str, list[tuple]]:
            md = MetaData()
            md.reflect(e)
            with e.connect() as c:
                return {n: [tuple(r) for r in c.execute(select(t).order_by(*t.primary_key.columns))]
                        for n, t in md.tables.items() if n not in ("alembic_version", "audit_log")}

        before = dump()
        upgrade_database(pg_url)
        after = dump()
        # attendance_lines is rebuilt by 0006 (keyed by shift uid; checked in detail on SQLite).
        assert len(after.pop("attendance_lines")) == len(before.pop("attendance_lines")) > 0
        for table, rows in before.items():  # columns added later come after the old ones
            assert [r[: len(rows[0])] for r in after[table]] == rows, table
        assert all(before.values())
    finally:
        e.dispose()


def test_services_round_trip_persons_and_assignments(pg_url: str) -> None:
    with Services.open(pg_url) as sv:
        sv.settings.save(samples.settings())
        sv.settings.save_territories(samples.territories())
        full = sv.persons.add(samples.full_person(), actor="coordinatrice")
        assert sv.persons.get(full.id) == dataclasses.replace(samples.full_person(), id=full.id)
        reg, op = sv.persons.add_many([samples.regulator(1), samples.osnp()])
        assert op.rpps is None and [p.id for p in sv.persons.list(role=Role.REGULATOR)] == [full.id, reg.id]

        with pytest.raises(ValidationError, match="déjà enregistré"):
            sv.persons.add(samples.regulator(1, last_name="Doublon"))
        with pytest.raises(ValidationError):
            sv.persons.add_many([samples.regulator(5), samples.regulator(6, rpps="123")])
        assert len(sv.persons.list()) == 3

        plan = [samples.assignment(reg.id, 3), samples.remote_assignment(reg.id),
                samples.assignment(full.id, 4, "ASTR", 8, 20, Role.EFFECTOR, territory="CPTS-NORD")]
        stored = sv.rosters.replace_draft(2027, 5, plan)
        assert sorted(a.key() for a in stored) == sorted(a.key() for a in plan)
        again = sv.rosters.replace_draft(2027, 5, [samples.assignment(full.id, 6)])
        assert {a.day.day for a in again} == {5, 6}  # the pinned remote shift stayed
        published = sv.rosters.publish(2027, 5)
        assert published.number == 1 and published.published_at.tzinfo is not None
        assert sv.history.minutes_worked(reg.id, 2027, date(2027, 6, 1)) == 240
        assert sv.audit.entries(entity="persons", entity_id=full.id)[-1].actor == "coordinatrice"

        sv.reset_database()
        assert sv.persons.list() == []
        assert sv.persons.add(samples.regulator(1)).id is not None


def test_text_lengths_are_refused_by_the_domain_as_on_sqlite(pg_url: str) -> None:
    """Too-long texts get the same French refusal on PostgreSQL (which would fail with a
    driver error) as on SQLite (which would store them)."""
    from sas_roster.domain.demand import Territory
    from sas_roster.domain.setup import default_setup

    with Services.open(pg_url) as sv:
        with pytest.raises(ValidationError, match="texte trop long : 121 caractères pour 120 au plus"):
            sv.persons.add(samples.regulator(1, last_name="N" * 121))
        setup = default_setup("Association SAS du Val-Imaginaire")
        setup.territories = [Territory("C" * 41, "CPTS trop longue")]
        with pytest.raises(ValidationError, match="41 caractères pour 40 au plus"):
            sv.setup.apply(setup)
        setup.territories = [Territory("NORD", "CPTS du Nord")]
        setup.settings.department = "Val-Imaginaire (département fictif, nom long)"
        assert sv.setup.apply(setup).created  # the wider département column (0005) holds it
        assert sv.settings.get().department.startswith("Val-Imaginaire")
        assert sv.setup.database_kind().value == "association"
