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
    user: str | None = None  # --user: signed in when the database is first opened
    # A 0-byte database file is refused unless the user chose to fill it (`demo --force`, or the
    # window, which opens it with a warning and never fills it by itself).
    accept_zero_byte: bool = False
    _services: Services | None = None

    def services(self) -> Services:
        """The services on the chosen database, migrated to the current schema; signed in as
        `user` when one was given (then that account is who acts)."""
        if self._services is None:
            from ..services import Services

            services = Services.open(self.db_url, accept_zero_byte=self.accept_zero_byte)
            if self.user:
                from .governance import sign_in

                sign_in(services, self.user)
                self.actor = self.user
            self._services = services
        return self._services

    def print(self, text: str = "") -> None:
        print(text, file=self.out)


@dataclass(frozen=True)
class CliCommand:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, CliContext], int]
