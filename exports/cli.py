"""Command-line commands contributed by the exports package (picked up by main.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .indicators_report import Command


def commands() -> list[Command]:
    from .indicators_report import commands as report_commands

    return [*report_commands()]
