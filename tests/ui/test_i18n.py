"""Interface language: French by default, English through the Babel-built catalogs, every
string of the interface translated, and catalogs compiled when a .mo is missing."""

from __future__ import annotations

import shutil

from babel.messages.pofile import read_po
from PySide6.QtCore import Qt

from sas_roster.domain.enums import Role
from ui import i18n, labels
from ui.i18n_tools import extract


def _catalog(lang: str):
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as f:
        return read_po(f)


def test_every_interface_string_has_an_english_translation(tmp_path):
    pot = extract(tmp_path / "current.pot")
    with pot.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    english = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in _catalog("en") if m.id}
    missing = sorted(wanted - english.keys())
    assert missing == [], "run `python -m ui.i18n_tools` and translate: " + "; ".join(missing[:10])
    untranslated = sorted(k for k in wanted if not all(
        english[k].string if isinstance(english[k].string, tuple) else (english[k].string,)))
    assert untranslated == []


def test_switching_language():
    assert i18n.install(None) == "fr"
    assert labels.role(Role.REGULATOR) == "Régulateur" and i18n._("Planning") == "Planning"
    assert labels.month_title(2027, 5) == "mai 2027"
    assert i18n.install("en") == "en"
    assert labels.role(Role.REGULATOR) == "Regulator" and i18n._("Viviers") == "Pools"
    assert labels.month_title(2027, 5) == "May 2027"
    assert i18n.ngettext("{shown} personne affichée sur {total}", "{shown} personnes affichées sur {total}", 2) \
        == "{shown} people shown of {total}"
    assert i18n.install("de") == "fr"  # unknown language: French


def test_catalogs_compile_into_the_cache_never_into_the_source_tree(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in i18n.LOCALE_DIR.rglob("*")}
    folders = i18n.compile_catalogs(i18n.LOCALE_DIR, tmp_path)
    mo = folders["en"] / "en" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert mo.is_relative_to(tmp_path) and mo.stat().st_size > 1000
    written = mo.stat().st_mtime_ns
    assert i18n.compile_catalogs(i18n.LOCALE_DIR, tmp_path) == folders  # unchanged source: not compiled again
    assert mo.stat().st_mtime_ns == written
    assert {p: p.stat().st_mtime_ns for p in i18n.LOCALE_DIR.rglob("*")} == before
    assert not list(i18n.LOCALE_DIR.rglob("*.mo"))


def test_an_edited_catalog_is_compiled_afresh(tmp_path):
    copy = tmp_path / "translations"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    first = i18n.compile_catalogs(copy, tmp_path / "cache")
    po = copy / "en" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Pools"', 'msgstr "Pools!"', 1), encoding="utf-8")
    second = i18n.compile_catalogs(copy, tmp_path / "cache")
    assert second["en"] != first["en"] and second["fr"] == first["fr"]


def test_running_the_app_leaves_the_checkout_clean(demo_file, tmp_path, qapp):
    """Starting the window (language switch included) writes nothing into the source tree."""
    import subprocess
    from pathlib import Path

    from sas_roster.services import Services
    from tests.ui.conftest import DEMO_TODAY
    from ui.app import run_gui

    root = Path(__file__).resolve().parents[2]
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "resources"], cwd=root,
                            capture_output=True, text=True, check=True).stdout
    db = shutil.copyfile(demo_file, tmp_path / "demo.db")
    with Services.open(f"sqlite:///{db}") as services:
        assert run_gui(services, today=DEMO_TODAY, actor="test", view="settings", month="2027-05",
                       screenshot=str(tmp_path / "s.png"), lang="en") == 0
    after = subprocess.run(["git", "status", "--porcelain", "--ignored", "resources"], cwd=root,
                           capture_output=True, text=True, check=True).stdout
    assert after == status


def test_window_in_english(ctx, qtbot):
    from ui.main_window import MainWindow

    i18n.install("en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    items = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert items == ["Pools", "Availability", "Roster", "Attendance", "Claims and payments", "Governance", "Indicators",
                     "Settings"]
    assert window.month_status.text() == "Month: May 2027"
    pools = window.show_view("pools")
    assert pools.model.headerData(0, Qt.Orientation.Horizontal) == "Last name"
