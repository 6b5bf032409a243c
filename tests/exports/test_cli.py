"""The export commands through main.py's command line."""

from __future__ import annotations

import email
from email.policy import default
from pathlib import Path

from main import main
from tests.exports.fixtures import YEAR


def _url(services) -> str:
    return str(services.engine.url)


def test_export_all_and_send_preview(published, tmp_path: Path, capsys) -> None:
    url = _url(published)
    published.close()
    assert main(["--db", url, "export", "all", "2027-05", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "2027-05 v1" in out
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"planning-2027-05-v1.pdf", "planning-2027-05-v1.xlsx", "adressage-2027-05-v1.pdf",
            "plannings-personnels", "calendriers"} <= names
    assert main(["--db", url, "export", "planning", "2027-05", "--lang", "en", "--out", str(tmp_path / "en")]) == 0
    assert (tmp_path / "en" / "roster-2027-05-v1.pdf").exists()
    assert main(["--db", url, "export", "notices", "2027-05", "--out", str(tmp_path / "n")]) == 0
    assert "première publication" in capsys.readouterr().out
    assert main(["--db", url, "send", "schedules", "2027-05", "--preview", str(tmp_path / "eml")]) == 0
    emls = sorted((tmp_path / "eml").glob("*.eml"))
    assert emls and "rien n'a été envoyé" in capsys.readouterr().out
    msg = email.message_from_bytes(emls[0].read_bytes(), policy=default)
    assert str(YEAR) in msg["Subject"]


def test_export_of_an_unpublished_month_is_refused_in_french(published, tmp_path: Path, capsys) -> None:
    url = _url(published)
    published.close()
    assert main(["--db", url, "export", "addressing", "2027-06", "--out", str(tmp_path)]) == 1
    assert "n'est pas publié" in capsys.readouterr().err
    assert main(["--db", url, "export", "planning", "2027-06", "--version", "0", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "planning-2027-06-brouillon.pdf").exists()


def test_export_documents_offered_are_the_bundles_kinds() -> None:
    from exports import cli
    from exports.bundle import KINDS

    assert list(cli._KIND_HELP) == [*KINDS, "all"]
