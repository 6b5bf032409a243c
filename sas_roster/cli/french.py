"""argparse's own words in French: "utilisation :", "arguments", "afficher cette aide et
quitter", and its error messages ("arguments obligatoires manquants : …").

argparse looks its strings up through the module-level `_` and `ngettext` it imported from
`gettext` at call time; `install()` points those two names at this table, so every parser
built afterwards (and every error it raises) speaks French. Strings not in the table stay
as argparse wrote them (a newer Python's new message is English, never lost).
"""

from __future__ import annotations

import argparse
import datetime as _dt

FRENCH: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",  # Python < 3.10
    "subcommands": "commandes",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur donnée à un argument qui n'en prend pas : %r",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "unexpected option string: %s": "option inattendue : %s",
    "invalid %(type)s value: %(value)r": "valeur %(type)s invalide : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (au choix : %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue %(parser_name)r (au choix : %(choices)s)",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}
FRENCH_PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s valeur attendue", "%s valeurs attendues"),
}


def gettext(message: str) -> str:
    return FRENCH.get(message, message) if isinstance(message, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in FRENCH_PLURALS:
        one, many = FRENCH_PLURALS[singular]
        return one if n <= 1 else many  # French: 0 and 1 are singular
    return singular if n == 1 else plural


def install() -> None:
    """argparse speaks French from now on (the command line is French throughout)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def iso_date(text: str) -> _dt.date:
    """An `AAAA-MM-JJ` argument, refused with a French message naming what is expected."""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide : attendu AAAA-MM-JJ, par ex. 2027-05-04") from None
