"""Command-line commands contributed by the exports package (picked up by main.py)."""

from __future__ import annotations


def commands() -> list:  # CliCommand-shaped objects
    from .indicators_report import commands as report_commands

    return [*report_commands()]
