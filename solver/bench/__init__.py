"""Benchmarks of the solver core, run as ``python -m solver.bench <suite> ...``."""
