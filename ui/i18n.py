"""Interface language: gettext catalogs built with Babel, French by default, English available.

The message ids in the code are the French texts (the app speaks French first, and a
missing catalog must never leave a coordinator with English or with keys): the `en`
catalog translates them. Catalogs live in `resources/translations/<lang>/LC_MESSAGES/`
as `.po` sources next to their compiled `.mo` (committed); when a `.mo` is missing or
older than its `.po` (a fresh edit, a partial checkout) it is compiled here, at start.

Domain and service messages (validation problems, explanations of uncovered hours) stay
French: they come from `sas_roster`, which has no catalogs.

Refresh the catalogs after adding strings: `python -m ui.i18n_tools` (extract, update, compile).
"""

from __future__ import annotations

import gettext
import logging
from pathlib import Path

DOMAIN = "sas_roster"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

log = logging.getLogger(__name__)

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translated `message` in the current language (looked up at call time, not import time)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; translate it with `_()` where shown."""
    return message


def language() -> str:
    return _language


def compile_catalogs(locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile every `.po` whose `.mo` is missing or older; returns the `.mo` files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        with mo.open("wb") as f:
            write_mo(f, catalog)
        written.append(mo)
    return written


def install(lang: str | None) -> str:
    """Switch the interface to `lang` ("fr" or "en"; None → French). Returns the language used."""
    global _translation, _language
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    try:
        compile_catalogs()
    except OSError:  # read-only install: the committed .mo files are used as they are
        log.warning("translation catalogs could not be compiled", exc_info=True)
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    return lang


def install_qt_translator(app, lang: str) -> None:
    """Qt's own strings (standard buttons, context menus of line edits) in the same language."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English,
                               QLocale.Country.France if lang == "fr" else QLocale.Country.UnitedKingdom))
    translator = QTranslator(app)
    if translator.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
