"""Interface language: gettext catalogs built with Babel, French by default, English available.

The message ids in the code are the French texts (the app speaks French first, and a
missing catalog must never leave a coordinator with English or with keys): the `en`
catalog translates them. The `.po` sources live in `resources/translations/<lang>/LC_MESSAGES/`;
they are compiled at start into the user's cache folder (platformdirs), in a folder named
after the source's content, so that a `.po` edited or checked out is picked up at once and
nothing is ever written into the source or install tree.

Domain and service messages (validation problems) stay French: they come from `sas_roster`,
which has no catalogs. The engine's reports (explanations of uncovered hours, reasons, broken
rules, the solve summary) are rendered in the interface's language by `ui.engine_text`.

Refresh the catalogs after adding strings: `python -m ui.i18n_tools` (extract, update, check).
"""

from __future__ import annotations

import gettext
import hashlib
import logging
import os
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


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for a French word that reads two ways in English
    ("Annuler": Cancel a dialog / Undo an action; "Nom": a person's last name / a name)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; translate it with `_()` where shown."""
    return message


def language() -> str:
    return _language


def cache_dir() -> Path:
    """Where compiled catalogs go: `$SAS_ROSTER_CACHE_DIR` (tests) or the user's cache folder."""
    override = os.environ.get("SAS_ROSTER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sas-roster", appauthor=False))


def compile_catalogs(locale_dir: Path = LOCALE_DIR, out_dir: Path | None = None) -> dict[str, Path]:
    """Compile every `<lang>/LC_MESSAGES/*.po` of `locale_dir` into `out_dir` (the cache by
    default) and return, per language, the folder to hand to `gettext` (its `.mo` is under
    `<lang>/LC_MESSAGES/`). The folder is named after the `.po`'s content: an unchanged source
    is never compiled twice, and two checkouts with different catalogs never share one."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out_dir = (out_dir or cache_dir()) / "translations"
    folders: dict[str, Path] = {}
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        data = po.read_bytes()
        folder = out_dir / hashlib.sha256(data).hexdigest()[:16]
        mo = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not mo.exists():
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as f:
                catalog = read_po(f, locale=lang)
            partial = mo.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as f:
                write_mo(f, catalog)
            partial.replace(mo)  # atomic: another process never reads half a catalog
        folders[lang] = folder
    return folders


def install(lang: str | None) -> str:
    """Switch the interface to `lang` ("fr" or "en"; None → French). Returns the language used."""
    global _translation, _language
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    try:
        folder = compile_catalogs().get(lang)
    except OSError:  # no writable cache: the interface stays French, the message ids
        log.warning("translation catalogs could not be compiled", exc_info=True)
        folder = None
    if folder is None:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, folder, languages=[lang], fallback=True)
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
