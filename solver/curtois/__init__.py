"""Curtois & Qu benchmark: reader, adapter to the core, independent scorer."""

from .adapter import roster_table, to_problem
from .instance import FormatError, Instance, parse_instance, read_instance
from .score import Score, score

__all__ = ["FormatError", "Instance", "Score", "parse_instance", "read_instance",
           "roster_table", "score", "to_problem"]
