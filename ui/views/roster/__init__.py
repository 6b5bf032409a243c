"""The roster page (see view.py)."""

from .view import RosterView

__all__ = ["RosterView"]
