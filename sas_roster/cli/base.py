"""What every command module shares: the context a handler gets, the command record, exit codes."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..services import Services

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def system_user() -> str:
    """Who runs the command, until the association has accounts: the operating-system user."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "utilisateur inconnu"


@dataclass
class CliContext:
    """What a command may use: the database URL chosen, who acts, and the output streams."""

    db_url: str | None = None
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    today: date = field(default_factory=date.today)
    actor: str = field(default_factory=system_user)
    _services: Services | None = None

    def services(self) -> Services:
        """The services on the chosen database, migrated to the current schema."""
        if self._services is None:
            from ..services import Services

            self._services = Services.open(self.db_url)
        return self._services

    def print(self, text: str = "") -> None:
        print(text, file=self.out)


@dataclass(frozen=True)
class CliCommand:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, CliContext], int]
