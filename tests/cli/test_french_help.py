"""The command line's help and usage errors are French throughout, argparse's own words
included, and every option says what it is for."""

from __future__ import annotations

import re

import pytest

import main as app_main

ENGLISH = ("usage:", "positional arguments", "optional arguments", "show this help", "the following arguments",
           "invalid choice", "error:", "expected one argument", "unrecognized arguments")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = app_main.main(list(args))
    except SystemExit as exc:  # --help and usage errors leave through argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _commands(capsys) -> list[str]:
    _code, out, _err = _run(capsys, "--help")
    block = out.split("COMMANDE\n", 2)[-1]
    return re.findall(r"^    (\w+)\s", block, flags=re.MULTILINE)


def test_main_help_is_french(capsys):
    code, out, _err = _run(capsys, "--help")
    assert code == 0
    assert out.startswith("utilisation : sas-roster")
    assert "\narguments:\n" in out and "\noptions:\n" in out and "afficher cette aide et quitter" in out
    assert not [w for w in ENGLISH if w in out]


def test_every_command_help_is_french_and_every_option_is_explained(capsys):
    commands = _commands(capsys)
    assert {"demo", "calendar", "import", "solve", "replace"} <= set(commands)
    for name in commands:
        code, out, _err = _run(capsys, name, "--help")
        assert code == 0 and out.startswith(f"utilisation : sas-roster {name}"), name
        assert not [w for w in ENGLISH if w in out], (name, out)
        # each option line carries a help text (on its line or on the next, indented)
        lines = out.splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"^  (-[-\w]+)(?:[ ,][^ ].*?)?(\s{2,}(.*))?$", line)
            if m and m.group(1).startswith("--"):
                helped = bool(m.group(3)) or (i + 1 < len(lines) and lines[i + 1].startswith(" " * 20))
                assert helped, f"{name} {m.group(1)} has no help"


@pytest.mark.parametrize("args, expected", [
    (("calendar",), "arguments obligatoires manquants : month"),
    (("frobnicate",), "argument COMMANDE : choix invalide : 'frobnicate'"),
    (("replace", "2027-05", "--person", "1", "--date", "2027-13-01"), "argument --date : date « 2027-13-01 » invalide : attendu AAAA-MM-JJ"),
    (("calendar", "2027-05", "--zone"), "argument --zone : une valeur attendue"),
    (("calendar", "2027-05", "--bogus"), "arguments non reconnus : --bogus"),
])
def test_usage_errors_are_french(capsys, args, expected):
    code, _out, err = _run(capsys, *args)
    assert code == 2
    assert err.splitlines()[0].startswith("utilisation : sas-roster")
    assert f"Erreur d'utilisation : {expected}" in err
    assert not [w for w in ENGLISH if w in err]
