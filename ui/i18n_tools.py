"""Refresh the interface catalogs with Babel: `python -m ui.i18n_tools`.

1. extract every `_()`, `N_()` and `ngettext()` string of `ui/` into `sas_roster.pot`;
2. update (or create) the `fr` and `en` catalogs from it — `fr` needs no translation, the
   message ids are French; `en` entries left empty are listed so they can be translated;
3. check that the catalogs compile (into the user's cache: `.mo` files are never kept in the
   source tree, the app compiles them at start, see `ui.i18n`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from .i18n import DOMAIN, LANGUAGES, LOCALE_DIR, compile_catalogs

UI_DIR = Path(__file__).resolve().parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ("_", "N_", "ngettext:1,2", "pgettext:1c,2")


def extract(pot: Path = POT) -> Path:
    args = ["pybabel", "-q", "extract", "--no-location", "--sort-output", "--no-wrap", "--project=sas-roster",
            "-o", str(pot)]
    for k in KEYWORDS:
        args += ["-k", k]
    CommandLineInterface().run([*args, str(UI_DIR)])
    return pot


def update(pot: Path = POT) -> None:
    for lang in LANGUAGES:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        command = "update" if po.exists() else "init"
        args = ["pybabel", "-q", command, "-i", str(pot), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", lang, "--no-wrap"]
        if command == "update":
            args.append("--ignore-obsolete")
        CommandLineInterface().run(args)


def untranslated(lang: str = "en") -> list[str]:
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        catalog = read_po(f)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main() -> int:
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    extract()
    update()
    compile_catalogs()
    missing = untranslated("en")
    for text in missing:
        print(f"à traduire (en) : {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
