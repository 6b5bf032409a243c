"""The audit chain on a shared PostgreSQL database: append-only trigger, tampering detected,
concurrent writers keep one linear chain (advisory lock), rights enforced the same way."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from sas_roster.domain.accounts import AccountRole
from sas_roster.domain.errors import PermissionDenied
from sas_roster.services import Services

from . import samples
from .test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.postgres


def test_chain_trigger_and_tampering_on_postgres(pg_url: str) -> None:  # noqa: F811
    with Services.open(pg_url) as sv:
        for i in range(1, 4):
            sv.persons.add(samples.regulator(i), actor="coordinatrice")
        assert sv.verify_audit().ok
        with sv.engine.connect() as c:
            ids = [r[0] for r in c.execute(text("SELECT id FROM audit_log ORDER BY id"))]
        engine = create_engine(pg_url)
        try:
            with pytest.raises(Exception, match="suppression interdite"), engine.begin() as c:
                c.execute(text("DELETE FROM audit_log"))
            with pytest.raises(Exception, match="modification interdite"), engine.begin() as c:
                c.execute(text("UPDATE audit_log SET actor = 'x'"))
            with engine.begin() as c:  # the owner can still drop the trigger: the chain catches it
                c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
                c.execute(text("UPDATE audit_log SET actor = 'intrus' WHERE id = :i"), {"i": ids[2]})
        finally:
            engine.dispose()
        assert sv.verify_audit().first_bad == ids[2]


def test_concurrent_writers_keep_one_chain(pg_url: str) -> None:  # noqa: F811
    with Services.open(pg_url) as a, Services.open(pg_url) as b:
        errors: list[Exception] = []

        def write(sv: Services, start: int) -> None:
            try:
                for i in range(start, start + 8):
                    sv.persons.add(samples.regulator(i))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(sv, n)) for sv, n in ((a, 1), (b, 20))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        result = a.verify_audit()
        assert result.ok and result.count >= 32


def test_rights_on_postgres(pg_url: str) -> None:  # noqa: F811
    with Services.open(pg_url) as sv:
        sv.users.add("admin", {AccountRole.ADMINISTRATOR}, "mot de passe sûr")
        sv.sign_in("admin", "mot de passe sûr")
        sv.users.add("treso", {AccountRole.TREASURER}, "mot de passe sûr")
        p = sv.persons.add(samples.regulator(1))
        sv.sign_in("treso", "mot de passe sûr")
        with pytest.raises(PermissionDenied):
            sv.rosters.replace_draft(2027, 5, [samples.assignment(p.id, 3)])
        assert sv.rosters.get(2027, 5) is None
