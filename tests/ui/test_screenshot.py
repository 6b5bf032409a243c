"""`main.py --screenshot FILE --view VIEW`: the real window rendered offscreen into a PNG."""

from __future__ import annotations

import contextlib
import io
import shutil

import pytest
from PySide6.QtGui import QImage

import main as app_main
from sas_roster.services import Services
from tests.ui.conftest import DEMO_TODAY
from ui.app import SCREENSHOT_SIZE, WIDE_SCREENSHOT, run_gui


@pytest.mark.parametrize("view", ["pools", "availability", "roster", "settings"])
def test_screenshot_of_each_view(view, demo_file, tmp_path, qapp):
    out = tmp_path / f"{view}.png"
    db = shutil.copyfile(demo_file, tmp_path / "demo.db")
    with Services.open(f"sqlite:///{db}") as services:
        assert run_gui(services, today=DEMO_TODAY, actor="test", view=view, month="2027-05",
                       screenshot=str(out), lang="fr") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == WIDE_SCREENSHOT.get(view, SCREENSHOT_SIZE)
    # not a blank picture: the navigation's dark blue and the page's light background are both there
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 97) for y in range(0, image.height(), 53)}
    assert "#24384f" in colours and len(colours) > 5


def test_unknown_view_and_bad_month_are_refused_in_french(demo_file, tmp_path, qapp):
    err = io.StringIO()
    db = f"sqlite:///{demo_file}"
    with contextlib.redirect_stderr(err):  # refused before opening the database
        assert app_main.main(["--db", db, "--view", "planning", "--screenshot", str(tmp_path / "x.png")]) == 2
        assert app_main.main(["--db", db, "--month", "2027-13", "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "vue « planning » inconnue" in err.getvalue()
    assert "Mois « 2027-13 » invalide" in err.getvalue()
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("view, size", [("first-start", None), ("wizard", (1100, 760))])
def test_screenshot_of_the_first_start_and_the_wizard(view, size, tmp_path, qapp):
    out = tmp_path / f"{view}.png"
    with Services.open(f"sqlite:///{tmp_path / 'empty.db'}") as services:
        assert run_gui(services, today=DEMO_TODAY, actor="test", view=view, screenshot=str(out), lang="fr") == 0
        assert services.settings.get() is None  # pictured, not written
    image = QImage(str(out))
    assert not image.isNull() and (size is None or (image.width(), image.height()) == size)


def test_screenshot_at_a_laptop_size(demo_file, tmp_path, qapp):
    out = tmp_path / "roster.png"
    db = shutil.copyfile(demo_file, tmp_path / "demo.db")
    with Services.open(f"sqlite:///{db}") as services:
        assert run_gui(services, today=DEMO_TODAY, actor="test", view="roster", month="2027-05",
                       screenshot=str(out), lang="fr", size="1366x768") == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (1366, 768)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):  # refused before opening the database
        assert app_main.main(["--db", f"sqlite:///{db}", "--size", "big", "--screenshot", str(out)]) == 2
    assert "taille « big » invalide" in err.getvalue()
