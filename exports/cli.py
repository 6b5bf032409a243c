"""Command-line commands contributed by the exports package (picked up by main.py)."""

from __future__ import annotations

from sas_roster.cli import CliCommand

from .claims_cli import commands as claims_commands


def commands() -> list[CliCommand]:
    return [*claims_commands()]
