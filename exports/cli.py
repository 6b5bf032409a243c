"""Command-line commands contributed by the exports package (picked up by main.py)."""

from __future__ import annotations

from typing import Any


def commands() -> list[Any]:  # CliCommand-shaped objects
    from .claims_cli import commands as claims_commands
    from .indicators_report import commands as report_commands

    return [*claims_commands(), *report_commands()]
