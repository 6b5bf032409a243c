"""The audit chain proves itself: an edit, insertion or deletion made directly in the database
file (outside the app, triggers dropped) is found by verify, which names the first bad entry."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from sas_roster.persistence import audit_key
from sas_roster.persistence.engine import sqlite_path
from sas_roster.services import Services

from . import samples


@pytest.fixture
def filled(services: Services, db_url: str) -> tuple[Services, Path]:
    for i in range(1, 4):
        p = services.persons.add(samples.regulator(i), actor="coordinatrice")
        services.persons.update(dataclasses.replace(p, phone=f"06 11 11 11 1{i}"), actor="coordinatrice")
    path = sqlite_path(db_url)
    assert path is not None
    return services, path


def _raw(path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    c.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    return c


def _ids(path: Path) -> list[int]:
    with sqlite3.connect(path) as c:
        return [r[0] for r in c.execute("SELECT id FROM audit_log ORDER BY id")]


def test_an_untouched_log_verifies(filled) -> None:
    services, path = filled
    result = services.verify_audit()
    assert result.ok and result.count == len(_ids(path)) >= 6
    assert result.last_hash == services.audit_checkpoint()
    assert "intègre" in result.summary()


def test_editing_one_entry_is_detected_at_that_entry(filled) -> None:
    services, path = filled
    victim = _ids(path)[3]
    with _raw(path) as c:
        c.execute("UPDATE audit_log SET actor = 'trésorier' WHERE id = ?", (victim,))
    result = services.verify_audit()
    assert not result.ok and result.first_bad == victim
    assert f"n° {victim}" in result.summary()


def test_editing_a_value_is_detected(filled) -> None:
    services, path = filled
    victim = _ids(path)[1]
    with _raw(path) as c:
        after = json.loads(c.execute("SELECT after FROM audit_log WHERE id = ?", (victim,)).fetchone()[0])
        after["phone"] = "07 00 00 00 00"
        c.execute("UPDATE audit_log SET after = ? WHERE id = ?", (json.dumps(after), victim))
    assert services.verify_audit().first_bad == victim


def test_deleting_one_entry_is_detected_at_the_next(filled) -> None:
    services, path = filled
    ids = _ids(path)
    with _raw(path) as c:
        c.execute("DELETE FROM audit_log WHERE id = ?", (ids[2],))
    result = services.verify_audit()
    assert result.first_bad == ids[3] and "supprimée" in result.reason


def test_deleting_and_renumbering_is_detected(filled) -> None:
    services, path = filled
    ids = _ids(path)
    with _raw(path) as c:
        c.execute("DELETE FROM audit_log WHERE id = ?", (ids[2],))
        c.execute("UPDATE audit_log SET id = id - 1 WHERE id > ?", (ids[2],))
    assert services.verify_audit().first_bad == ids[2]


def test_inserting_an_entry_is_detected_even_with_a_recomputed_plain_hash(filled) -> None:
    services, path = filled
    ids = _ids(path)
    with _raw(path) as c:
        # Shift the tail to make room, then insert a forged row copying its neighbour's chain.
        for i in reversed(ids[3:]):
            c.execute("UPDATE audit_log SET id = ? WHERE id = ?", (i + 1, i))
        c.execute(
            "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before, after, chain) "
            "SELECT ?, at, 'intrus', entity, entity_id, action, before, after, chain FROM audit_log WHERE id = ?",
            (ids[3], ids[2]),
        )
    assert services.verify_audit().first_bad == ids[3]


def test_deleting_the_newest_entries_is_caught_by_a_checkpoint(filled) -> None:
    services, path = filled
    checkpoint = services.audit_checkpoint()
    with _raw(path) as c:
        c.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    assert services.verify_audit().ok  # the chain alone cannot see a cut tail...
    result = services.verify_audit(expect=checkpoint[:16])
    assert not result.ok and "disparu" in result.reason  # ...the printed checkpoint can


def test_the_database_refuses_updates_and_deletes_of_the_log(filled) -> None:
    services, path = filled
    with sqlite3.connect(path) as c:
        with pytest.raises(sqlite3.DatabaseError, match="suppression interdite"):
            c.execute("DELETE FROM audit_log")
        with pytest.raises(sqlite3.DatabaseError, match="modification interdite"):
            c.execute("UPDATE audit_log SET actor = 'x'")
    with services.engine.begin() as conn, pytest.raises(Exception, match="interdite"):
        conn.execute(text("DELETE FROM audit_log"))
    assert services.verify_audit().ok


def test_erasure_keeps_the_chain_valid(filled) -> None:
    services, path = filled
    person = services.persons.list()[0]
    services.persons.pseudonymise(person.id)
    text_ = repr(services.audit.entries(entity="persons", entity_id=person.id, limit=None))
    assert person.last_name not in text_ and person.rpps not in text_
    assert f"Personne {person.id}" in text_  # the pseudonymised reference stays readable
    assert services.verify_audit().ok


def test_a_forged_erasure_marker_is_detected(filled) -> None:
    services, path = filled
    victim = _ids(path)[0]
    with _raw(path) as c:
        after = json.loads(c.execute("SELECT after FROM audit_log WHERE id = ?", (victim,)).fetchone()[0])
        after["last_name"] = {"$effacé": "0" * 64}
        c.execute("UPDATE audit_log SET after = ? WHERE id = ?", (json.dumps(after), victim))
    assert services.verify_audit().first_bad == victim


def test_another_key_does_not_verify(filled, monkeypatch) -> None:
    services, _path = filled
    monkeypatch.setattr(audit_key, "_cached", b"x" * 32)
    assert services.verify_audit().first_bad == 1


def test_key_file_is_made_readable_by_the_user_only(tmp_path, monkeypatch) -> None:
    key_file = tmp_path / "conf" / "audit.key"
    monkeypatch.setenv(audit_key.KEY_FILE_ENV, str(key_file))
    key = audit_key.load_or_create_key()
    assert len(key) == 32 and audit_key.load_or_create_key() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_null_keyring_falls_back_to_the_config_file(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(audit_key.KEY_FILE_ENV)
    monkeypatch.setattr(audit_key.platformdirs, "user_config_dir", lambda *a: str(tmp_path / "cfg"))
    key = audit_key.load_or_create_key()  # the null keyring keeps nothing: a file is written
    assert (tmp_path / "cfg" / "audit.key").exists() and audit_key.load_or_create_key() == key


def test_the_key_is_not_in_the_database(filled) -> None:
    _services, path = filled
    key = audit_key.audit_key()
    import base64

    assert key not in path.read_bytes() and base64.b64encode(key) not in path.read_bytes()
