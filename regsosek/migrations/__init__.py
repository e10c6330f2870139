"""Alembic migrations of the app database (regsosek.store), run by `python -m regsosek db upgrade`."""
