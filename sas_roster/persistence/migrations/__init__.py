"""Alembic migration scripts (a package so that wheels and PyInstaller pick them up)."""
